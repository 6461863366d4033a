// The app's side of the cable (the Hardware pane's requests, through the contract), end to end through
// PulseAudio null sinks, with a simulated Superboard (a second emulator running the Lab Monitor) at the other
// end: the soft-modem terminal and its TCP bridge, the emulator's cassette port wired to the sound card, and
// side by side with a divergence made on purpose.
//
// The simulated board runs the Lab Monitor, not BASIC, so `POKE 515,128` and `POKE 517,128` cannot be typed
// as such. Their equivalent is typed into its keyboard instead: the 65V monitor's `.0203/80` and `.0205/80`
// store $80 in the LOAD and SAVE flags, exactly what the POKEs store. A small echo loop (input with $FFEB,
// output with $FFEE, as BASIC's input does) stands in for BASIC's command loop; the test starts it by setting
// the board's PC (with the LOAD flag set, the monitor itself reads from the cable, not the keyboard).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HardwareComparison, HardwareStatus, RequestMethod } from '../../src-main/ipc/contract.ts';
import { dispatch } from '../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../src-main/services/app-services.ts';
import { assembleOrThrow } from '../support/assemble.ts';
import { WORKER_SOURCE, labMonitor, videoText } from '../support/emulator.ts';
import { echoProgram, talk } from '../support/modem-client.ts';
import { startTestPulse } from '../support/pulse.ts';
import { makeServices } from '../support/services.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio-hardware tests skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

const LINE = { deviceIn: 'Board to Lab', deviceOut: 'Lab to Board' };

let services: AppServices;
let remove: () => Promise<void>;
let board: SimulatedBoard | null = null;

beforeEach(async () => {
  ({ services, remove } = await makeServices({ emulator: { workerUrl: WORKER_SOURCE, labMonitor } }));
});
afterEach(async () => {
  board?.stop();
  board = null;
  await services.stop();
  await remove();
});

async function call<T>(method: RequestMethod, payload?: unknown): Promise<T> {
  const result = await dispatch(services.handlers(), method, payload, { host: 'browser' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The board, booted, with the echo loop at $0300 and the two flags typed in, running the loop. */
async function boardInTerminalMode(replace?: { from: string; to: string }): Promise<SimulatedBoard> {
  const started = await SimulatedBoard.start();
  board = started;
  started.lineOn();
  await started.until('booted', () => started.screen().length > 0, 10_000);
  started.machine.load(0x0300, echoProgram(replace));
  // POKE 517,128 and POKE 515,128, in the 65V monitor's words.
  started.machine.type('.0205/80\r.0203/80\r');
  await started.until('set both flags', () => started.machine.peek(0x0203) === 0x80, 15_000);
  expect(started.machine.peek(0x0205)).toBe(0x80);
  started.machine.cpu.pc = 0x0300;
  // With the SAVE flag set, the monitor's own display of what was typed went to the cable too: let it drain
  // (pacat holds up to a second) before the app starts listening.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return started;
}

async function emulatorScreen(): Promise<string[]> {
  const { bytes } = await call<{ bytes: string }>('machine.peek', { start: 0xd000, length: 1024 });
  return videoText(new Uint8Array(Buffer.from(bytes, 'base64')));
}

/** Loads `image` into the app's emulator at $0300 through the contract and runs it from the 65V monitor. */
async function runInEmulator(image: Uint8Array): Promise<void> {
  for (let i = 0; i < image.length; i++)
    await call('memory.poke', { address: 0x0300 + i, value: image[i] ?? 0 });
  await call('machine.type', { text: '.0300G' });
}

/** Opens the line and waits, as a user watching the carrier lamp would, until the board's tone is steady. */
async function openLine(): Promise<HardwareStatus> {
  const status = await call<HardwareStatus>('hardware.open', LINE);
  await until(
    'the carrier is heard',
    async () => (await call<HardwareStatus>('hardware.status')).carrier,
    10_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return status;
}

describe.skipIf(typeof pulse === 'string')('the Hardware pane on a simulated Superboard (null sinks)', () => {
  it('carries a terminal session both ways, shows carrier and counts, and bridges it to TCP with a token', async () => {
    const simulated = await boardInTerminalMode();
    const status = await openLine();
    expect(status).toMatchObject({ open: true, sampleRate: 44_100, wiring: 'tape' });
    await call('hardware.send', { text: 'HELLO BOARD\n' });
    await until(
      'the board echoed the line',
      async () => (await call<{ lines: string[] }>('hardware.transcript')).lines.includes('HELLO BOARD'),
      20_000,
    ).catch(async (error: unknown) => {
      const transcript = await call<{ lines: string[] }>('hardware.transcript');
      const now = await call<HardwareStatus>('hardware.status');
      throw new Error(
        `${String(error)}; board heard ${JSON.stringify(String.fromCharCode(...simulated.heard))}, ` +
          `transcript ${JSON.stringify(transcript.lines)}, status ${JSON.stringify(now)}, screen:\n${simulated.screen()}`,
      );
    });
    expect(simulated.heard.slice(0, 12)).toEqual([...Buffer.from('HELLO BOARD\r')]);
    expect(simulated.screen()).toContain('HELLO BOARD');
    // 12 echoed, the LF, and the 10 NULs the monitor sends after a CR with the SAVE flag set.
    await until(
      'the NULs and LF arrived',
      async () => (await call<HardwareStatus>('hardware.status')).received >= 23,
      10_000,
    );
    const after = await call<HardwareStatus>('hardware.status');
    expect(after.carrier).toBe(true);
    expect(after.peak).toBeGreaterThan(0.1);
    expect(after.framingErrors).toBe(0);
    expect(after.sent).toBe(12);

    // The bridge: loopback only, the token first, then the same line.
    const bridged = await call<HardwareStatus>('hardware.bridge', { action: 'start' });
    expect(bridged.bridge).toMatchObject({ host: '127.0.0.1', connected: false });
    const { port, token } = bridged.bridge!;
    expect(token).toMatch(/^[\w-]{16}$/);
    expect(await talk(port, 'not the token\n', 'wrong token', 5_000)).toContain('modem: wrong token');
    const session = await talk(port, `${token}\nVIA TCP\n`, 'VIA TCP\r', 20_000);
    expect(session).toContain('modem: connected');
    expect(simulated.screen()).toContain('VIA TCP');
    const stopped = await call<HardwareStatus>('hardware.bridge', { action: 'stop' });
    expect(stopped.bridge).toBeNull();
    expect((await call<HardwareStatus>('hardware.close')).open).toBe(false);
  }, 90_000);

  it("wires the emulator's cassette port to the sound card: the emulated board talks to the real one", async () => {
    const simulated = await boardInTerminalMode();
    const wired = await call<HardwareStatus>('hardware.wire', { port: 'audio', ...LINE });
    expect(wired).toMatchObject({ open: true, wiring: 'audio' });
    // The terminal only watches while the emulator has the cable.
    await expect(call('hardware.send', { text: 'X' })).rejects.toThrow(/wired to the emulator alone/);
    await expect(call('machine.tapeStop')).rejects.toThrow(/wired to the cable/);
    // The emulated board: SAVE flag on, send a line, SAVE flag off, LOAD flag on, print what comes back.
    const sender = assembleOrThrow(`
        .org $0300
          lda #$80
          sta $0205
          ldx #0
        send:
          lda msg,x
          beq listen
          jsr $FFEE
          inx
          bne send
        listen:
          lda #0
          sta $0205
          lda #$80
          sta $0203
        loop:
          jsr $FFEB
          jsr $FFEE
          jmp loop
        msg:
          .text "PING FROM EMU"
          .byte 13, 10, 0
    `).image;
    await runInEmulator(sender);
    await simulated.until("heard the emulator's line", () => simulated.heard.includes(13), 20_000);
    expect(String.fromCharCode(...simulated.heard.slice(0, 14))).toBe('PING FROM EMU\r');
    expect(simulated.screen()).toContain('PING FROM EMU');
    // The board echoed it back through the cable into the emulator's ACIA: its screen shows it twice.
    await until(
      'the emulator printed the echo',
      async () => (await emulatorScreen()).filter((line) => line.includes('PING FROM EMU')).length >= 2,
      20_000,
    );
    const unwired = await call<HardwareStatus>('hardware.wire', { port: 'tape' });
    expect(unwired).toMatchObject({ wiring: 'tape', open: false });
  }, 90_000);

  it('runs side by side: the same keys to both, and reports the first divergence', async () => {
    // The board's loop turns every O into a zero; the emulator's echoes faithfully.
    await boardInTerminalMode({ from: 'O', to: '0' });
    await openLine();
    await runInEmulator(echoProgram());
    await new Promise((resolve) => setTimeout(resolve, 500));
    const events: HardwareComparison[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'hardware.compare') events.push(payload as HardwareComparison);
    });
    expect((await call<HardwareStatus>('hardware.sideBySide', { action: 'start' })).sideBySide).toBe(true);

    await call('hardware.send', { text: 'ABC\r' });
    await until(
      'both showed ABC',
      async () => (await call<HardwareComparison>('hardware.compare')).matched >= 1,
      20_000,
    ).catch(async (error: unknown) => {
      const now = JSON.stringify(await call<HardwareStatus>('hardware.status'));
      throw new Error(`${String(error)}: ${JSON.stringify(await call('hardware.compare'))} ${now}`);
    });
    const agreed = await call<HardwareComparison>('hardware.compare');
    expect(agreed.divergence).toBeNull();
    expect(agreed.board).toContain('ABC');

    await call('hardware.send', { text: 'HELLO\r' });
    await until(
      'the board answered the second line',
      async () => (await call<HardwareComparison>('hardware.compare')).board.includes('HELL0'),
      20_000,
    ).catch(async (error: unknown) => {
      throw new Error(
        `${String(error)}: ${JSON.stringify(await call<HardwareComparison>('hardware.compare'))}`,
      );
    });
    const diverged = await call<HardwareComparison>('hardware.compare');
    expect(diverged.divergence).not.toBeNull();
    const { emulatorLine, boardLine, column } = diverged.divergence!;
    expect(diverged.board[boardLine]).toBe('HELL0');
    expect(diverged.emulator[emulatorLine]).toBe('HELLO');
    expect(column).toBe(4);
    expect(diverged.board[boardLine - 1]).toBe('ABC');
    // The pane heard it as an event too.
    await until('the divergence event arrived', () => events.some((e) => e.divergence !== null), 5_000);
  }, 90_000);
});
