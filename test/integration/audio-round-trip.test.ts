// The owner's whole round trip, driven through the same IPC requests the app's buttons make, over PulseAudio
// null sinks with a second emulator as the board: the board runs a program, then SAVEs it (its own dump
// routine writes 65V text to the ACIA, so to the cassette port); the app records it armed on the carrier with live decode and
// keeps it in the library; the board is reset with its memory wiped; the app plays the take back; the board
// LOADs it in the monitor, and the program runs and shows the same output. Prints the time it took and the
// clicks an app user needs.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, RequestInput, RequestMethod } from '../../src-main/ipc/contract.ts';
import { dispatch } from '../../src-main/ipc/dispatch.ts';
import { KcsDecoder } from '../../src-main/core/modem/kcs-decoder.ts';
import type { AppServices } from '../../src-main/services/app-services.ts';
import { assembleOrThrow, messageProgram } from '../support/assemble.ts';
import { startTestPulse } from '../support/pulse.ts';
import { makeServices } from '../support/services.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio round-trip test skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

const PROGRAM_AT = 0x0300;
const MESSAGE = 'RT OK';
/** Where messageProgram writes on the screen. */
const MESSAGE_AT = 0xd2c5;

/**
 * The board's SAVE of a machine-code program: a dump routine of its own that writes `.0300/`, each byte as
 * two hex digits and CR, then `.0300G` straight to the ACIA (without the NULs the monitor's SAVE adds after
 * every CR, which would make the tape four times as long), and halts.
 */
function dumpRoutine(length: number): Uint8Array {
  return assembleOrThrow(`
      .org $0600
        ldx #0
      head:
        lda start,x
        beq bytes
        jsr out
        inx
        bne head
      bytes:
        ldy #0
      next:
        lda $0300,y
        pha
        lsr a
        lsr a
        lsr a
        lsr a
        jsr digit
        pla
        and #$0F
        jsr digit
        lda #13
        jsr out
        iny
        cpy #${length}
        bne next
        ldx #0
      tail:
        lda run,x
        beq done
        jsr out
        inx
        bne tail
      done:
        lda #1
        sta $F0
      halt:
        jmp halt
      digit:
        cmp #10
        bcc decimal
        adc #6
      decimal:
        adc #$30
      out:
        pha
      wait:
        lda $F000
        and #2
        beq wait
        pla
        sta $F001
        rts
      start:
        .text ".0300/"
        .byte 0
      run:
        .text ".0300G"
        .byte 0
  `).image;
}

/** Drives the services as the renderer does: requests (with the clicks behind them) and the events they send. */
function drive(services: AppServices) {
  const handlers = services.handlers();
  const clicks: string[] = [];
  /** One request the UI makes, with the clicks that lead to it (none for what the UI does by itself). */
  const call = async <M extends RequestMethod>(
    method: M,
    payload: RequestInput<M>,
    userClicks: string[] = [],
  ): Promise<unknown> => {
    clicks.push(...userClicks);
    const result = await dispatch(handlers, method, payload, { host: 'browser' });
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value;
  };
  const received: { name: EventName; payload: unknown }[] = [];
  services.events.subscribe((name, payload) => received.push({ name, payload }));
  const next = <E extends EventName>(name: E, test: (p: EventPayload<E>) => boolean, ms: number) =>
    new Promise<EventPayload<E>>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const hit = received.find((e) => e.name === name && test(e.payload as EventPayload<E>));
        if (hit) {
          clearInterval(timer);
          resolve(hit.payload as EventPayload<E>);
        } else if (Date.now() - started > ms) {
          clearInterval(timer);
          reject(new Error(`no ${name} within ${ms} ms`));
        }
      }, 50);
    });
  return { call, clicks, received, next };
}

/** Decodes what is played to the board's cassette input ("SBL Lab to Board"), heard through its monitor. */
function listenToBoardInput(): { heard: number[]; stop: () => void } {
  const heard: number[] = [];
  const listener = spawn(
    'pacat',
    [
      '--record',
      '--device=sbl_lab_to_board.monitor',
      '--format=float32le',
      '--rate=44100',
      '--channels=1',
      '--raw',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const decoder = new KcsDecoder({ sampleRate: 44100, bitEvents: false });
  let carry = Buffer.alloc(0);
  listener.stdout.on('data', (chunk: Buffer) => {
    const data = Buffer.concat([carry, chunk]);
    const whole = data.length - (data.length % 4);
    carry = data.subarray(whole);
    const samples = new Float32Array(whole / 4);
    for (let i = 0; i < samples.length; i++) samples[i] = data.readFloatLE(i * 4);
    for (const event of decoder.push(samples)) if (event.type === 'byte') heard.push(event.value);
  });
  return { heard, stop: () => listener.kill() };
}

describe.skipIf(typeof pulse === 'string')('the owner’s round trip in the app (null sinks)', () => {
  it('records the board’s SAVE into the library and plays it back for the board to LOAD and RUN', async () => {
    const { services, remove } = await makeServices();
    const { call, clicks, received, next } = drive(services);

    // The SAVE is sent ahead of time (runAhead) into a deep buffer, so a busy test process cannot starve it.
    const board = await SimulatedBoard.start({ outputLatencyMs: 5000 });
    try {
      await board.until('booted', () => board.screen().includes('65V'), 10_000).catch(() => {});
      // The program runs on the board first: its output is what the reloaded copy must show again.
      const program = messageProgram(MESSAGE).image;
      board.machine.load(PROGRAM_AT, program);
      board.machine.cpu.pc = PROGRAM_AT;
      await board.until('ran the program', () => board.screen().includes(MESSAGE), 5_000);
      const output = board.machine.peekRange(MESSAGE_AT, MESSAGE.length);

      const began = performance.now();
      // Record…, then Record with "start on the carrier" (the default); the board then SAVEs.
      await call('recorder.start', { device: 'Board to Lab', armed: true, silenceSeconds: 1 }, [
        'Record… (Library)',
        'Record (armed on the carrier)',
      ]);
      board.lineOn();
      board.machine.poke(0xf0, 0);
      board.machine.load(0x0600, dumpRoutine(program.length));
      board.machine.cpu.pc = 0x0600;
      board.runAhead(6);
      await board.until('finished its SAVE', () => board.machine.peek(0xf0) === 1, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      board.lineOff();
      const ended = await next('recorder.ended', () => true, 15_000);
      const recorded = (performance.now() - began) / 1000;
      expect(ended.error).toBeNull();
      expect(ended.reason).toBe('silence');
      expect(ended.takeId).not.toBeNull();

      // The live decode said what the take holds, as it arrived, with bits and waveform columns for the view.
      const updates = received
        .filter((e) => e.name === 'recorder.update')
        .map((e) => e.payload as EventPayload<'recorder.update'>);
      const live = String.fromCharCode(...updates.flatMap((u) => u.bytes.map((b) => b.value)));
      const hex = [...program].map((b) => `${b.toString(16).toUpperCase().padStart(2, '0')}\r`).join('');
      const expected = `.0300/${hex}.0300G`;
      expect(live).toBe(expected);
      expect(updates.some((u) => u.bits.length > 0 && u.envelope.min.length > 0)).toBe(true);
      expect(ended).toMatchObject({ bytes: expected.length, framingErrors: 0 });

      // The take is in the library, line-in, decoded to the same bytes; the app's own WAV is gone.
      const take = (await call('library.content', { takeId: ended.takeId! })) as { bytesBase64: string };
      expect(Buffer.from(take.bytesBase64, 'base64').toString('latin1')).toBe(expected);
      const list = (await call('library.list', { origin: 'line-in' })) as { total: number };
      expect(list.total).toBe(1);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(path.join(services.info.userDataDir, 'recordings'))).toEqual([]);

      // The board forgets the program: memory wiped, RESET, back in the monitor; then L to LOAD.
      for (let a = PROGRAM_AT; a < PROGRAM_AT + 0x100; a++) board.machine.poke(a, 0);
      board.machine.reset();
      await board.until('rebooted', () => !board.screen().includes(MESSAGE), 5_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      board.machine.type('L');

      // Play to board on the kept take (the Recorder offers it), then Play.
      const playBegan = performance.now();
      const played = (await call(
        'player.play',
        {
          source: { kind: 'take', takeId: ended.takeId!, clean: false },
          device: 'Lab to Board',
          leaderSeconds: 1,
          trailerSeconds: 0.3,
          nulls: null,
        },
        ['Play to board (in the Recorder)', 'Play'],
      )) as { what: string; total: number | null };
      expect(played.what).toMatch(/as recorded/);
      await board.until('ran the loaded program', () => board.screen().includes(MESSAGE), 40_000);
      expect(board.machine.peekRange(MESSAGE_AT, MESSAGE.length)).toEqual(output);
      const finished = await next('player.progress', (p) => p.ended, 20_000);
      expect(finished.error).toBeNull();
      expect(
        received.some((e) => e.name === 'player.progress' && !(e.payload as { ended: boolean }).ended),
      ).toBe(true);
      const total = (performance.now() - began) / 1000;
      console.log(
        `round trip: SAVE recorded and kept in ${recorded.toFixed(1)} s, played back and run in ` +
          `${((performance.now() - playBegan) / 1000).toFixed(1)} s, ${total.toFixed(1)} s in all ` +
          `(${expected.length} tape bytes); ${clicks.length} clicks in the app: ${clicks.join('; ')}`,
      );
    } finally {
      board.stop();
      await services.stop();
      await remove();
    }
  }, 120_000);

  it('plays typed text and an opened listing with the NULs asked for, pausing and resuming', async () => {
    const { services, remove } = await makeServices();
    const { call, next } = drive(services);
    const listening = listenToBoardInput();
    try {
      const text = '10 PRINT "A"\n20 END\n';
      const played = (await call('player.play', {
        source: { kind: 'text', text, as: 'auto' },
        device: 'Lab to Board',
        // Pause acts on the audio after what the sound server already holds (about 2 s): in the leader.
        leaderSeconds: 4,
        trailerSeconds: 0.2,
        nulls: 3,
      })) as { what: string };
      expect(played.what).toMatch(/a BASIC listing/);
      await call('player.control', { action: 'pause' });
      await next('player.progress', (p) => p.paused, 5_000);
      await call('player.control', { action: 'resume' });
      await next('player.progress', (p) => p.ended, 20_000);
      await expect.poll(() => listening.heard.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(20);
      expect(Buffer.from(listening.heard).toString('latin1')).toBe('10 PRINT "A"\r\0\0\x0020 END\r\0\0\0');

      // An opened file: a listing saved with 10 NULs a line, played with 1.
      const file = path.join(services.info.userDataDir, 'saved.bas');
      await writeFile(file, '30 GOTO 10\n');
      const ref = await services.files.register(file);
      listening.heard.length = 0;
      await call('player.play', {
        source: { kind: 'file', fileId: ref.fileId, clean: false, as: 'basic' },
        device: 'Lab to Board',
        leaderSeconds: 0.5,
        trailerSeconds: 0.2,
        nulls: 1,
      });
      await next('player.progress', (p) => p.ended, 20_000);
      await expect.poll(() => listening.heard.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(12);
      expect(Buffer.from(listening.heard).toString('latin1')).toBe('30 GOTO 10\r\0');
    } finally {
      listening.stop();
      await services.stop();
      await remove();
    }
  }, 90_000);
});
