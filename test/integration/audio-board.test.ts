// The owner's cable, end to end through PulseAudio null sinks: a simulated Superboard (a second emulator)
// SAVEs and we record it with live decode; we play a 65V tape and it LOADs and runs it; the soft-modem
// carries a session both ways over a loopback TCP bridge. Every loopback takes real time: tapes are short.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { readWav } from '../../src-main/core/formats/wav.ts';
import { bytesOf, decodeKcs } from '../../src-main/core/modem/kcs-decoder.ts';
import type { DecodedByte } from '../../src-main/services/audio/audio-protocol.ts';
import { AudioService } from '../../src-main/services/audio/audio-service.ts';
import { assembleOrThrow, messageProgram } from '../support/assemble.ts';
import { talk } from '../support/modem-client.ts';
import { startTestPulse } from '../support/pulse.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const WORKER = new URL('../../src-main/services/audio/audio-worker.ts', import.meta.url);

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio-board tests skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

let dir: string;
let remove: () => Promise<void>;
let board: SimulatedBoard | null = null;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(async () => {
  board?.stop();
  board = null;
  await remove();
});

/** The board's SAVE: the Lab Monitor's SAVE vector, then a listing printed through the output vector. */
function saveProgram(listing: string): Uint8Array {
  const text = listing
    .split('\n')
    .map((line) => `.text ${JSON.stringify(line)}\n .byte 13`)
    .join('\n');
  return assembleOrThrow(`
      .org $0300
        jsr $FFF7
        ldx #0
      loop:
        lda msg,x
        beq done
        jsr $FFEE
        inx
        bne loop
      done:
        lda #0
        sta $0205
        lda #1
        sta $F0
      halt:
        jmp halt
      msg:
        ${text}
        .byte 0
  `).image;
}

describe.skipIf(typeof pulse === 'string')(
  'a Superboard on the cassette cable (simulated, through null sinks)',
  () => {
    it('records the board SAVEing a listing with live decode, byte-exact, armed on its carrier', async () => {
      board = await SimulatedBoard.start();
      await board.until('booted', () => board!.screen().includes('65V'), 10_000).catch(() => {});
      const service = new AudioService({ workerUrl: WORKER, journalDir: path.join(dir, 'journal') });
      try {
        const live: DecodedByte[] = [];
        service.on((event) => {
          if (event.kind === 'capture') live.push(...event.update.bytes);
        });
        const file = path.join(dir, 'save.wav');
        const ended = service.captureEnded();
        await service.capture({ device: 'Board to Lab', file, untilSilence: 0.7 });
        const listing = '10 PRINT "HI"\n20 GOTO 10';
        board.lineOn();
        board.machine.poke(0xf0, 0);
        board.machine.load(0x0300, saveProgram(listing));
        board.machine.cpu.pc = 0x0300;
        board.runAhead(2);
        await board.until('finished its SAVE', () => board!.machine.peek(0xf0) === 1, 20_000);
        await new Promise((resolve) => setTimeout(resolve, 600));
        board.lineOff();
        const summary = await ended;
        const nulls = '\0'.repeat(10);
        const expected = `10 PRINT "HI"\r${nulls}20 GOTO 10\r${nulls}`;
        expect(String.fromCharCode(...live.map((b) => b.value))).toBe(expected);
        expect(live.every((b) => !b.framingError)).toBe(true);
        expect(summary).toMatchObject({ reason: 'silence', bytes: expected.length, framingErrors: 0 });
        // The WAV on disk decodes to the same bytes, at the sample positions the live decode gave.
        const wav = readWav(new Uint8Array(await readFile(file)));
        const events = decodeKcs(wav.channels[0]!, { sampleRate: wav.format.sampleRate });
        expect(String.fromCharCode(...bytesOf(events))).toBe(expected);
        const first = events.find((e) => e.type === 'byte')!;
        expect(Math.abs(first.start - live[0]!.start)).toBeLessThan(wav.format.sampleRate / 300);
      } finally {
        await service.close();
      }
    }, 60_000);

    it('plays a 65V tape with the CLI that the board LOADs and runs', async () => {
      board = await SimulatedBoard.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      board.machine.type('L');
      const program = messageProgram('LOADED BY CABLE');
      const tape = path.join(dir, 'program.65v');
      await writeFile(tape, build65v(program.segments, { run: 0x0300 }));
      const result = await runCli([
        'play',
        tape,
        '--device',
        'Lab to Board',
        '--leader',
        '1',
        '--trailer',
        '0.3',
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/\(65V monitor text\)/);
      await board.until(
        'showed the loaded program',
        () => board!.screen().includes('LOADED BY CABLE'),
        10_000,
      );
    }, 60_000);

    it('carries a terminal session both ways through the soft-modem TCP bridge', async () => {
      board = await SimulatedBoard.start();
      await new Promise((resolve) => setTimeout(resolve, 300));
      // What POKE 515,128 and POKE 517,128 do in BASIC, then echo every character as BASIC's input does.
      const echo = assembleOrThrow(`
        .org $0300
          lda #$80
          sta $0203
          sta $0205
        loop:
          jsr $FFEB
          jsr $FFEE
          jmp loop
    `);
      board.lineOn();
      board.machine.load(0x0300, echo.image);
      board.machine.cpu.pc = 0x0300;
      const modem = spawn(
        process.execPath,
        [
          CLI,
          'modem',
          '--device-in',
          'Board to Lab',
          '--device-out',
          'Lab to Board',
          '--listen',
          '127.0.0.1:0',
          '--token',
          'sesame',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      modem.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      try {
        const port = await new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the bridge never listened:\n${stderr}`)), 15_000);
          modem.stderr.on('data', () => {
            const match = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
            if (match) {
              clearTimeout(timer);
              resolve(Number(match[1]));
            }
          });
        });
        // A wrong token is turned away.
        const refused = await talk(port, 'open sesame\n', 'wrong token', 5_000);
        expect(refused).toContain('modem: wrong token');
        const session = await talk(port, 'sesame\nHELLO BOARD\n', 'HELLO BOARD\r', 20_000);
        expect(session).toContain('modem: connected');
        expect(session).toContain('HELLO BOARD\r');
        expect(board.heard.slice(0, 12)).toEqual([...Buffer.from('HELLO BOARD\r')]);
        expect(board.screen()).toContain('HELLO BOARD');
      } finally {
        modem.kill('SIGINT');
        await new Promise((resolve) => modem.once('exit', resolve));
      }
    }, 60_000);
  },
);

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
