import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { encodeWav } from '../../src-main/core/formats/wav.ts';
import { encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import type { EventName } from '../../src-main/ipc/contract.ts';
import { decodeTapeFile } from '../../src-main/services/tape-decode.ts';
import type { AppServices } from '../../src-main/services/app-services.ts';
import { assembleOrThrow } from '../support/assemble.ts';
import { WORKER_SOURCE, labMonitor, videoText } from '../support/emulator.ts';
import { makeServices } from '../support/services.ts';

let services: AppServices;
let userDataDir: string;
let remove: () => Promise<void>;
let events: { name: EventName; payload: unknown }[];

beforeEach(async () => {
  ({ services, userDataDir, remove } = await makeServices({
    emulator: { workerUrl: WORKER_SOURCE, labMonitor },
  }));
  events = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
});
afterEach(async () => {
  await services.stop();
  await remove();
});

const context = { host: 'browser' } as const;

async function screenContains(text: string, timeout = 10_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const frames = events.filter((e) => e.name === 'machine.frame');
    const last = frames.at(-1)?.payload as { video: string } | undefined;
    const screen = last ? videoText(Buffer.from(last.video, 'base64')).join('\n') : '';
    if (screen.includes(text)) return screen;
    if (Date.now() > until) throw new Error(`screen never showed '${text}':\n${screen}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('emulator service with its worker thread', () => {
  it('boots the Lab Monitor in real time and publishes frames and status', async () => {
    await screenContains('SUPERBOARD LAB MONITOR');
    const status = await services.handlers()['machine.status'](null, context);
    expect(status).toMatchObject({ running: true, speed: '1x', monitor: { name: 'Lab Monitor' }, ramKb: 8 });
    expect(events.some((e) => e.name === 'machine.status')).toBe(true);
  });

  it('takes typed keys and host key events and peeks memory without side effects', async () => {
    const handlers = services.handlers();
    await screenContains('NO BASIC ROM');
    await handlers['machine.type']({ text: '.0300/5A\r' }, context);
    await screenContains('/0301');
    const { bytes } = await handlers['machine.peek']({ start: 0x0300, length: 2 }, context);
    expect(Buffer.from(bytes, 'base64')[0]).toBe(0x5a);
    const unknown = await handlers['machine.key']({ code: 'F13', key: 'F13', down: true }, context);
    expect(unknown.handled).toBe(false);
  });

  it('changes speed and pauses on request', async () => {
    const handlers = services.handlers();
    const before = await handlers['machine.setSpeed']({ speed: 'max' }, context);
    expect(before.speed).toBe('max');
    await new Promise((r) => setTimeout(r, 700));
    const fast = await handlers['machine.status'](null, context);
    expect((fast.cycles - before.cycles) / 983_040).toBeGreaterThan(0.7 * 5);
    expect(services.emulator?.lastStatus?.effectiveSpeed ?? 0).toBeGreaterThan(5);
    const paused = await handlers['machine.control']({ action: 'pause' }, context);
    expect(paused.paused).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    expect((await handlers['machine.status'](null, context)).cycles).toBe(paused.cycles);
  });

  it('refuses ROM files of the wrong size and keeps the current ROMs and the saved choice', async () => {
    const handlers = services.handlers();
    const file = path.join(userDataDir, 'monitor-half.rom');
    await writeFile(file, new Uint8Array(1024));
    const ref = await services.files.register(file);
    await expect(handlers['machine.setRoms']({ monitor: ref.fileId, basic: [] }, context)).rejects.toThrow(
      /monitor-half\.rom.*1024 bytes.*2048/,
    );
    expect((await handlers['machine.status'](null, context)).monitor.name).toBe('Lab Monitor');
    expect((await services.emulator!.roms.load()).monitor).toBeNull();
  });

  it('accepts an unknown 2K monitor, names it so and keeps the choice', async () => {
    const handlers = services.handlers();
    const rom = new Uint8Array(2048).fill(0xea);
    rom[0x7fc] = 0x00;
    rom[0x7fd] = 0xf8;
    rom[0] = 0x4c; // JMP $F800: a monitor that does nothing, but a valid 2K image
    rom[1] = 0x00;
    rom[2] = 0xf8;
    const file = path.join(userDataDir, 'other-monitor.rom');
    await writeFile(file, rom);
    const ref = await services.files.register(file);
    const status = await handlers['machine.setRoms']({ monitor: ref.fileId, basic: [] }, context);
    expect(status.monitor).toMatchObject({ name: 'unknown monitor', known: false });
    const saved = await services.emulator!.roms.load();
    expect(saved.monitor?.source).toBe('other-monitor.rom');
    expect([...saved.monitor!.bytes]).toEqual([...rom]);
  });
});

describe('the emulator cassette deck', () => {
  it('plays a KCS recording into the Lab Monitor and records what the machine sends', async () => {
    const handlers = services.handlers();
    await screenContains('NO BASIC ROM');
    const program = assembleOrThrow(`
      .org $0300
      wait:
        lda $F000
        and #$02
        beq wait
        lda #'H'
        sta $F001
      shown:
        lda #'%'
        sta $D2C5
        jmp shown
    `);
    const text = build65v(program.segments, { run: 0x0300 });
    const samples = encodeKcs(new Uint8Array(Buffer.from(text, 'latin1')), {
      sampleRate: 22_050,
      leaderSeconds: 1,
      trailerSeconds: 0.5,
    });
    const wav = path.join(userDataDir, 'program.wav');
    await writeFile(wav, encodeWav([samples], { sampleRate: 22_050, channels: 1, encoding: 'pcm16' }));
    const tape = await services.files.register(wav);

    await handlers['machine.tapeRecord']({ action: 'start' }, context);
    expect((await handlers['machine.status'](null, context)).tape.recording).toBe(true);
    await handlers['machine.type']({ text: 'L' }, context);
    const played = await handlers['machine.tapePlay']({ fileId: tape.fileId, speed: 'fast' }, context);
    expect(played).toMatchObject({ name: 'program.wav', bytes: text.length, audio: true });
    await screenContains('%', 30_000);
    await new Promise((r) => setTimeout(r, 300)); // the 'H' frame takes 11/300 s to leave the ACIA
    const stopped = await handlers['machine.tapeRecord']({ action: 'stop' }, context);
    expect(stopped.bytes).toBe(1);
    expect(stopped.file?.name).toMatch(/^superboard-.*\.wav$/);
    const recorded = await decodeTapeFile(services.files.get(stopped.file!.fileId).path);
    expect(recorded.bytes.map((b) => b.value)).toEqual([0x48]);
  });

  it('refuses to play a file that is neither a recording nor a tape of bytes', async () => {
    const big = path.join(userDataDir, 'big.bin');
    await writeFile(big, new Uint8Array(2 * 1024 * 1024));
    const ref = await services.files.register(big);
    await expect(
      services.handlers()['machine.tapePlay']({ fileId: ref.fileId, speed: 'tape' }, context),
    ).rejects.toThrow(/neither a recording we can decode nor a tape of bytes/);
  });
});
