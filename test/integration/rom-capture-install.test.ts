// The wizard's main side without a sound card: captured bytes arrive as the audio service reports a live
// decode (from a stand-in that replays them), are checked against the known dumps and the ROMs installed in a
// real emulator, registered as an opened file, and installed through machine.setRoms, whose ROM library keeps
// its own copy. The real sound path is covered by audio-rom-capture.test.ts and the e2e test.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha1Hex } from '../../src-main/core/machine/sha1.ts';
import type { EventName } from '../../src-main/ipc/contract.ts';
import type { AudioEvent, AudioService } from '../../src-main/services/audio/audio-service.ts';
import type { AppServices } from '../../src-main/services/app-services.ts';
import { romCaptureHandlers } from '../../src-main/services/rom-capture/rom-capture-handlers.ts';
import { labMonitor, WORKER_SOURCE } from '../support/emulator.ts';
import { makeServices } from '../support/services.ts';

const RATE = 44_100;
const FRAME = Math.round((RATE * 11) / 300);

/** Stands in for the audio service: the capture "hears" `bytes`, back to back, then the range is complete. */
class ReplayAudio {
  readonly #listeners = new Set<(event: AudioEvent) => void>();
  readonly bytes: Uint8Array;
  played: Uint8Array[] = [];
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  on(listener: (event: AudioEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  #emit(event: AudioEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
  captureEnded(): Promise<unknown> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (event.kind === 'captureEnded') {
          off();
          resolve(event.summary);
        }
      });
    });
  }
  async capture(): Promise<{ sampleRate: number }> {
    setTimeout(() => {
      for (let at = 0; at < this.bytes.length; at += 256) {
        const bytes = [...this.bytes.subarray(at, at + 256)].map((value, i) => ({
          value,
          start: (at + i) * FRAME,
          end: (at + i + 1) * FRAME - 1,
          framingError: false,
        }));
        this.#emit({
          kind: 'capture',
          update: {
            state: 'recording',
            seconds: ((at + bytes.length) * FRAME) / RATE,
            level: { peak: 0.5, rms: 0.3, clipped: 0 },
            carrier: true,
            bytes,
            framingErrors: 0,
            origin: 0,
          },
        });
      }
    }, 10);
    return { sampleRate: RATE };
  }
  async captureStop(): Promise<void> {
    const seconds = (this.bytes.length * FRAME) / RATE;
    this.#emit({
      kind: 'captureEnded',
      summary: { file: null, seconds, bytes: this.bytes.length, framingErrors: 0, reason: 'stopped' },
    });
  }
  async play(options: {
    source: { kind: string; bytes?: Uint8Array };
  }): Promise<{ sampleRate: number; total: number }> {
    if (options.source.bytes) this.played.push(options.source.bytes);
    return { sampleRate: RATE, total: 5 };
  }
  async playControl(): Promise<void> {}
}

let services: AppServices;
let remove: () => Promise<void>;
let userDataDir: string;
let events: { name: EventName; payload: unknown }[];
beforeEach(async () => {
  ({ services, remove, userDataDir } = await makeServices({
    emulator: { workerUrl: WORKER_SOURCE, labMonitor },
  }));
  events = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
});
afterEach(async () => {
  await services.stop();
  await remove();
});

function handlersFor(audio: ReplayAudio) {
  return romCaptureHandlers({
    audio: audio as unknown as AudioService,
    events: services.events,
    files: services.files,
    temp: services.temp,
    labMonitor,
    installed: () => services.emulator!.installedRoms(),
  });
}

async function result(): Promise<{
  check: { match: string | null; diff: { against: string; differing: number } | null; sha1: string };
  file: { fileId: string; name: string } | null;
  installable: string | null;
  differences: { address: number; ours: string; theirs: string }[];
}> {
  for (let i = 0; i < 200; i++) {
    const found = events.find((e) => e.name === 'romCapture.result');
    if (found) return found.payload as Awaited<ReturnType<typeof result>>;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no romCapture.result event');
}

describe('the ROM capture wizard, main side', () => {
  it('checks a captured monitor against the installed one and installs it through machine.setRoms', async () => {
    const lab = await labMonitor();
    const own = lab.slice();
    own[0x436 + 11] = 0x4f; // "SUPERBOARD OAB MONITOR": a monitor of the user's own
    const audio = new ReplayAudio(own);
    const started = await handlersFor(audio)['romCapture.start'](
      { range: { start: 0xf800, end: 0xffff }, device: 'Line In', send: { kind: '65v', device: 'Line Out' } },
      {} as never,
    );
    expect(started).toEqual({ expected: 2048, sampleRate: RATE });
    // The dumper went out as 65V text that runs itself.
    expect(String.fromCharCode(...audio.played[0]!)).toMatch(/^\.0300\/AD\r.*\.0300G$/s);
    const captured = await result();
    expect(captured.check.match).toBeNull();
    expect(captured.check.diff).toMatchObject({ against: 'the installed Lab Monitor', differing: 1 });
    expect(captured.differences).toEqual([{ address: 0xfc41, ours: '4F', theirs: '4C' }]);
    expect(captured.installable).toBe('monitor');
    expect(captured.file?.name).toBe(`captured-monitor-${sha1Hex(own).slice(0, 8)}.bin`);

    const setRoms = services.handlers()['machine.setRoms'];
    const status = await setRoms({ monitor: captured.file!.fileId, basic: 'current' }, {} as never);
    expect(status.monitor.sha1).toBe(sha1Hex(own));
    const copies = (await readdir(path.join(userDataDir, 'roms'))).filter((f) => f.endsWith('.bin'));
    expect(copies).toHaveLength(1);
    expect(sha1Hex(new Uint8Array(await readFile(path.join(userDataDir, 'roms', copies[0]!))))).toBe(
      sha1Hex(own),
    );
  });

  it('names a capture of the installed Lab Monitor and offers no diff', async () => {
    const audio = new ReplayAudio(await labMonitor());
    await handlersFor(audio)['romCapture.start'](
      { range: { start: 0xf800, end: 0xffff }, device: 'Line In', send: null },
      {} as never,
    );
    const captured = await result();
    expect(captured.check.match).toBe('the installed Lab Monitor');
    expect(captured.check.diff).toBeNull();
    expect(audio.played).toEqual([]);
  });
});
