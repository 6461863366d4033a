import { Readable } from 'node:stream';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWav } from '../../../../src-main/core/formats/wav.ts';
import { decodeKcs, bytesOf } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { basicTextToBytes, encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import type { EventName, TapeSummary } from '../../../../src-main/ipc/contract.ts';
import type { CallContext } from '../../../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../../../src-main/services/app-services.ts';
import { EventHub } from '../../../../src-main/ipc/event-hub.ts';
import { FileRegistry } from '../../../../src-main/services/file-registry.ts';
import { MAX_OPEN_TAPES, TapeService } from '../../../../src-main/services/tapes/tape-service.ts';
import { TempFolder } from '../../../../src-main/services/temp-folder.ts';
import { tempDir } from '../../../support/temp-dir.ts';
import { testBytes } from '../../../support/byte-errors.ts';
import { makeServices } from '../../../support/services.ts';
import { wavBytes } from '../../../support/wav-writer.ts';
import { REPO } from '../../../support/web-host-process.ts';

const RATE = 44100;
const browser: CallContext = { host: 'browser' };
const PROGRAM = '10 PRINT "HELLO, SUPERBOARD"\n20 GOTO 10\n';

interface Fixture {
  services: AppServices;
  dir: string;
  remove: () => Promise<void>;
  events: { name: EventName; payload: unknown }[];
}

async function fixture(): Promise<Fixture> {
  const { services, userDataDir, remove } = await makeServices();
  const events: Fixture['events'] = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
  return { services, dir: userDataDir, remove, events };
}

async function writeTape(dir: string, name: string, samples: Float32Array, rate = RATE): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, wavBytes(samples, rate));
  return file;
}

/** Opens a file through the contract and waits for the analysis to end. */
async function openAndAnalyse(f: Fixture, file: string, channel?: number) {
  const ref = await f.services.files.register(file);
  const handlers = f.services.handlers();
  const info = await handlers['tape.open'](
    channel === undefined ? { fileId: ref.fileId } : { fileId: ref.fileId, channel },
    browser,
  );
  const summary = await new Promise<TapeSummary>((resolve, reject) => {
    const check = (): void => {
      const done = f.events.find(
        (e) =>
          (e.name === 'tape.analyzed' || e.name === 'tape.failed') &&
          (e.payload as { tapeId: string }).tapeId === info.tapeId,
      );
      if (done?.name === 'tape.analyzed') resolve((done.payload as { summary: TapeSummary }).summary);
      else if (done) reject(new Error((done.payload as { message: string }).message));
      else setTimeout(check, 20);
    };
    check();
  });
  return { info, summary, handlers, tapeId: info.tapeId };
}

describe('TapeService with a real worker', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => {
    await f.services.stop();
    await f.remove();
  });

  it('decodes a clean tape made by the encoder and reports its summary', async () => {
    const data = basicTextToBytes(PROGRAM);
    const file = await writeTape(
      f.dir,
      'program.wav',
      encodeKcs(data, { sampleRate: RATE, leaderSeconds: 2, trailerSeconds: 1 }),
    );
    const { info, summary, handlers, tapeId } = await openAndAnalyse(f, file);
    expect(info.format).toMatchObject({ container: 'wav', sampleRate: RATE, channels: 1, channel: 0 });
    expect(summary.bytes).toBe(data.length);
    expect(summary.framingErrors).toBe(0);
    expect(summary.bits).toBe(data.length * 11);
    expect(summary.markHz).toBeCloseTo(2400, -1);
    expect(summary.baud).toBeCloseTo(300, 0);
    expect(Math.abs(summary.speedDeviationPercent ?? 99)).toBeLessThan(1);
    expect(summary.recordings).toHaveLength(1);
    expect(summary.durationSeconds).toBeCloseTo(3 + (data.length * 11) / 300, 1);

    const content = await handlers['tape.content']({ tapeId }, browser);
    expect(new Uint8Array(Buffer.from(content.bytesBase64, 'base64'))).toEqual(data);
    // The page lays out the text from the bytes: no listing is built or sent beside them.
    expect(Object.keys(content)).not.toContain('text');
    expect(content.nulCount).toBe(20);
    expect(content.errorIndices).toEqual([]);

    const later = await handlers['tape.info']({ tapeId }, browser);
    expect(later.state).toBe('done');
    expect(later.format.frames).toBe(summary.frames);
    expect(f.events.some((e) => e.name === 'tape.progress' || e.name === 'tape.analyzed')).toBe(true);
  });

  it('answers annotations, locate and peaks for sample ranges', async () => {
    const data = testBytes(40);
    const leader = 1;
    const file = await writeTape(
      f.dir,
      'random.wav',
      encodeKcs(data, { sampleRate: RATE, leaderSeconds: leader, trailerSeconds: 1 }),
    );
    const { handlers, tapeId, summary } = await openAndAnalyse(f, file);
    expect(summary.bytes).toBe(40);

    // Byte 10 starts at bit 300 + 10 * 11 of the encoder's clock.
    const expectedStart = Math.ceil(((leader * 300 + 110) * RATE) / 300);
    const located = await handlers['tape.locate']({ tapeId, byte: 10 }, browser);
    expect(located?.value).toBe(data[10]);
    expect(Math.abs((located?.start ?? 0) - expectedStart)).toBeLessThan(RATE / 300 / 4);
    const bySample = await handlers['tape.locate']({ tapeId, sample: (located?.start ?? 0) + 100 }, browser);
    expect(bySample?.index).toBe(10);

    const span = { start: located?.start ?? 0, end: (located?.start ?? 0) + Math.round((RATE * 33) / 300) };
    const notes = await handlers['tape.annotations']({ tapeId, ...span }, browser);
    expect(notes.bytes.value.slice(0, 3)).toEqual([data[10], data[11], data[12]]);
    expect(notes.bits.value.slice(0, 11)).toEqual([
      0,
      ...Array.from({ length: 8 }, (_, b) => ((data[10] ?? 0) >> b) & 1),
      1,
      1,
    ]);
    expect(notes.bits.confidence.every((c) => c > 0.5)).toBe(true);
    expect(notes.segments.some((s) => s.kind === 'data')).toBe(true);
    expect(notes.truncated).toBe(false);

    const few = await handlers['tape.annotations']({ tapeId, ...span, maxBits: 5 }, browser);
    expect(few.bits.start).toHaveLength(5);
    expect(few.truncated).toBe(true);

    const overview = await handlers['tape.peaks'](
      { tapeId, start: 0, end: summary.frames, columns: 300 },
      browser,
    );
    expect(overview.kind).toBe('peaks');
    if (overview.kind === 'peaks') {
      expect(overview.min).toHaveLength(300);
      expect(Math.max(...overview.max)).toBeGreaterThan(0.7);
      expect(Math.min(...overview.min)).toBeLessThan(-0.7);
    }
    const closeUp = await handlers['tape.peaks']({ tapeId, start: 1000, end: 1100, columns: 300 }, browser);
    expect(closeUp.kind).toBe('raw');
    if (closeUp.kind === 'raw') {
      const original = readWav(new Uint8Array(await readFile(file))).channels[0]!;
      expect(closeUp.samples).toHaveLength(100);
      closeUp.samples.forEach((s, i) => expect(s).toBeCloseTo(original[1000 + i] ?? 0, 3));
    }
    await expect(
      handlers['tape.peaks']({ tapeId, start: 50, end: 50, columns: 10 }, browser),
    ).rejects.toThrow('empty');
  });

  it('marks errors on an impaired tape and steps through them', async () => {
    const data = testBytes(300, 3);
    const clean = encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    const noisy = impair(clean, RATE, {
      seed: 5,
      snrDb: 0,
      dropouts: { count: 3, seconds: 0.02, depth: 0.05 },
    });
    const file = await writeTape(f.dir, 'noisy.wav', noisy);
    const { handlers, tapeId, summary } = await openAndAnalyse(f, file);
    // The same impaired samples through the decoder directly: the service must report what it found.
    const direct = decodeKcs(readWav(new Uint8Array(await readFile(file))).channels[0]!, {
      sampleRate: RATE,
    });
    expect(summary.bytes).toBe(bytesOf(direct).length);
    expect(summary.framingErrors).toBe(direct.filter((e) => e.type === 'framing-error').length);
    const content = await handlers['tape.content']({ tapeId }, browser);
    expect(content.errorIndices.length).toBeGreaterThan(0);

    const first = await handlers['tape.findError']({ tapeId, from: 0, direction: 'next' }, browser);
    expect(first?.index).toBe(content.errorIndices[0]);
    expect(first?.framingError || first?.lowConfidence).toBe(true);
    if (content.errorIndices.length > 1) {
      const second = await handlers['tape.findError'](
        { tapeId, from: first?.start ?? 0, direction: 'next' },
        browser,
      );
      expect(second?.index).toBe(content.errorIndices[1]);
      const back = await handlers['tape.findError'](
        { tapeId, from: second?.start ?? 0, direction: 'previous' },
        browser,
      );
      expect(back?.index).toBe(first?.index);
    }
    const none = await handlers['tape.findError'](
      { tapeId, from: first?.start ?? 0, direction: 'previous' },
      browser,
    );
    expect(none).toBeNull();
  });

  it('exports bytes, text, labels and a clean WAV that decodes to the same bytes', async () => {
    const data = basicTextToBytes(PROGRAM);
    const file = await writeTape(
      f.dir,
      'export.wav',
      encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 }),
    );
    const { handlers, tapeId } = await openAndAnalyse(f, file);
    const read = async (kind: 'bytes' | 'text' | 'wav' | 'labels'): Promise<Buffer> => {
      const result = await handlers['tape.export']({ tapeId, kind }, browser);
      expect(result.download).not.toBeNull();
      expect(f.services.tapes.exportFile(result.download?.fileId ?? '')).not.toBeNull();
      const bytes = await readFile(f.services.files.get(result.download?.fileId ?? '').path);
      expect(bytes.length).toBe(result.bytes);
      return bytes;
    };
    expect(new Uint8Array(await read('bytes'))).toEqual(data);
    expect((await read('text')).toString('utf8')).toBe(PROGRAM);
    const labels = (await read('labels')).toString('utf8').trimEnd().split('\n');
    expect(labels).toHaveLength(data.length);
    const [start, end, text] = labels[0]!.split('\t');
    expect(Number(start)).toBeCloseTo(1, 2);
    expect(Number(end) - Number(start)).toBeCloseTo(11 / 300, 3);
    expect(text).toBe('1');
    expect(labels[data.indexOf(0x0d)]?.split('\t')[2]).toBe('$0D');
    const wav = readWav(new Uint8Array(await read('wav')));
    expect(bytesOf(decodeKcs(wav.channels[0]!, { sampleRate: wav.format.sampleRate }))).toEqual(data);
  });

  it('saves through the host dialog in Electron', async () => {
    const target = path.join(f.dir, 'saved.bin');
    const { services, remove, userDataDir } = await makeServices({
      saveDialog: async (name, kind) => (name === 'small.bin' && kind === 'bytes' ? target : null),
    });
    const g: Fixture = { services, dir: userDataDir, remove, events: [] };
    services.events.subscribe((name, payload) => g.events.push({ name, payload }));
    const data = testBytes(12);
    const file = await writeTape(
      userDataDir,
      'small.wav',
      encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 }),
    );
    const { handlers, tapeId } = await openAndAnalyse(g, file);
    const saved = await handlers['tape.export']({ tapeId, kind: 'bytes' }, { host: 'electron' });
    expect(saved).toEqual({ fileName: 'small.bin', bytes: 12, download: null, savedAs: 'saved.bin' });
    expect(new Uint8Array(await readFile(target))).toEqual(data);
    const cancelled = await handlers['tape.export']({ tapeId, kind: 'text' }, { host: 'electron' });
    expect(cancelled.savedAs).toBeNull();
    await services.stop();
    await remove();
  });

  it('decodes the chosen channel of a stereo file', async () => {
    const data = testBytes(20, 9);
    const tone = encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    const { encodeWav } = await import('../../../../src-main/core/formats/wav.ts');
    const file = path.join(f.dir, 'stereo.wav');
    await writeFile(
      file,
      encodeWav([new Float32Array(tone.length), tone], { sampleRate: RATE, channels: 2, encoding: 'pcm16' }),
    );
    const { summary, info } = await openAndAnalyse(f, file, 1);
    expect(info.format.channels).toBe(2);
    expect(summary.bytes).toBe(20);
    const ref = await f.services.files.register(file);
    await expect(
      f.services.handlers()['tape.open']({ fileId: ref.fileId, channel: 2 }, browser),
    ).rejects.toThrow('stereo.wav has 2 channels; there is no channel 3.');
  });

  it('refuses files that are not audio with a clear error and keeps working', async () => {
    const junk = path.join(f.dir, 'notes.wav');
    await writeFile(junk, 'these are not samples');
    const ref = await f.services.files.register(junk);
    await expect(f.services.handlers()['tape.open']({ fileId: ref.fileId }, browser)).rejects.toThrow(
      /notes\.wav: not a recognised audio file/,
    );
    await expect(f.services.handlers()['tape.info']({ tapeId: 'tape-0000' }, browser)).rejects.toThrow(
      'no longer open',
    );
  });

  it('names an uploaded file as the user named it, not by its stored name', async () => {
    const ref = await f.services.files.storeUpload(
      'hello.bas',
      Readable.from([Buffer.from('10 PRINT 1\r')]),
      1024,
    );
    expect(f.services.files.get(ref.fileId).path).not.toMatch(/[\\/]hello\.bas$/);
    const opening = f.services.handlers()['tape.open']({ fileId: ref.fileId }, browser);
    await expect(opening).rejects.toThrow(/^hello\.bas: not a recognised audio file/);
  });

  it('keeps what a truncated WAV held and warns about it', async () => {
    const data = testBytes(30, 4);
    const whole = wavBytes(
      encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 0.2 }),
      RATE,
    );
    // Cut the 60-bit trailer and five frames.
    const cut = whole.subarray(0, whole.length - Math.round((RATE * 2 * (60 + 11 * 5)) / 300));
    const file = path.join(f.dir, 'cut.wav');
    await writeFile(file, cut);
    const { summary } = await openAndAnalyse(f, file);
    expect(summary.warnings.join(' ')).toMatch(/truncat|short|end/i);
    expect(summary.bytes).toBeGreaterThanOrEqual(24);
    expect(summary.bytes).toBeLessThan(30);
  });

  it('decodes past a damaged Ogg page and shows one warning saying where and how much was skipped', async () => {
    const ogg = Buffer.from(await readFile(path.join(REPO, 'test/fixtures/audio/kcs-tape-16k.ogg')));
    // Page 4's segment count and first lacing value: its length is lost.
    const page = [0, 1, 2, 3].reduce((at) => {
      let length = 27 + ogg[at + 26]!;
      for (let s = 0; s < ogg[at + 26]!; s++) length += ogg[at + 27 + s]!;
      return at + length;
    }, 0);
    ogg[page + 26]! ^= 0x5a;
    ogg[page + 27]! ^= 0xa5;
    const file = path.join(f.dir, 'damaged.ogg');
    await writeFile(file, ogg);
    const { summary } = await openAndAnalyse(f, file);
    expect(summary.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^damaged ogg-vorbis file from byte ${page} \\(at 2\\.1 s of audio\\): 0\\.82 s skipped in 1 place`,
        ),
      ),
    ]);
    // 5.02 s kept (silence in place of the page), and the bytes after the damage decode.
    expect(summary.durationSeconds).toBeCloseTo(80320 / 16000, 3);
    expect(summary.bytes).toBeGreaterThan(96 - 30);
  });

  it('reads raw samples back from 8- and 24-bit WAV, float WAV and FLAC (through the spill file)', async () => {
    const { readAudioFile } = await import('../../../../src-main/services/audio-files.ts');
    const fixtures = path.join(REPO, 'test/fixtures/audio');
    for (const name of [
      'sine-pcm8-mono.wav',
      'sine-pcm24-mono.wav',
      'sine-float32-mono.wav',
      'kcs-tones-stereo.flac',
    ]) {
      const file = path.join(fixtures, name);
      const { handlers, tapeId, summary } = await openAndAnalyse(f, file);
      const { format } = await handlers['tape.info']({ tapeId }, browser);
      const expected = (await readAudioFile(file)).channels[format.channel]!;
      expect(summary.frames, name).toBe(expected.length);
      const raw = await handlers['tape.peaks']({ tapeId, start: 100, end: 400, columns: 300 }, browser);
      expect(raw.kind, name).toBe('raw');
      if (raw.kind !== 'raw') continue;
      // Samples travel rounded to 4 decimals; the spill file of a compressed file holds 16 bits.
      const tolerance = name.endsWith('.flac') ? 0.5e-4 + 1 / 32768 : 0.5e-4 + 1e-7;
      raw.samples.forEach((value, i) =>
        expect(Math.abs(value - (expected[100 + i] ?? 0)), `${name} sample ${100 + i}`).toBeLessThanOrEqual(
          tolerance,
        ),
      );
      await handlers['tape.close']({ tapeId }, browser);
    }
  });

  it('names a sample rate the decoder cannot take', async () => {
    const { encodeWav } = await import('../../../../src-main/core/formats/wav.ts');
    const file = path.join(f.dir, 'slow-rate.wav');
    await writeFile(
      file,
      encodeWav([new Float32Array(4000)], { sampleRate: 4000, channels: 1, encoding: 'pcm16' }),
    );
    const ref = await f.services.files.register(file);
    await expect(f.services.handlers()['tape.open']({ fileId: ref.fileId }, browser)).rejects.toThrow(
      'slow-rate.wav is sampled at 4000 Hz; tapes need 8,000 to 192,000 Hz.',
    );
  });

  it('closes tapes and their workers', async () => {
    const file = await writeTape(
      f.dir,
      'close.wav',
      encodeKcs(testBytes(5), { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 }),
    );
    const { handlers, tapeId } = await openAndAnalyse(f, file);
    const before = f.services.tapes.openCount;
    await handlers['tape.close']({ tapeId }, browser);
    expect(f.services.tapes.openCount).toBe(before - 1);
    await expect(handlers['tape.content']({ tapeId }, browser)).rejects.toThrow('no longer open');
  });

  it('answers every one of more concurrent opens than it keeps open', async () => {
    const file = await writeTape(
      f.dir,
      'many.wav',
      encodeKcs(testBytes(5), { sampleRate: RATE, leaderSeconds: 0.2, trailerSeconds: 0.2 }),
    );
    const handlers = f.services.handlers();
    const ref = await f.services.files.register(file);
    const open = () => handlers['tape.open']({ fileId: ref.fileId }, browser);
    // Two "tabs" opening six tapes each, all at the same time.
    const results = await Promise.allSettled(Array.from({ length: 2 * 6 }, open));
    const opened = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    // Before the fix the evicted opens never answered, so allSettled never did. Which opens are evicted
    // depends on how many have finished opening when the ninth arrives: a tape already open is evicted
    // after answering, one still opening is refused.
    expect(opened.length).toBeGreaterThanOrEqual(MAX_OPEN_TAPES);
    expect(opened.length + refused.length).toBe(2 * 6);
    for (const r of refused)
      expect(String(r.reason)).toMatch(/many\.wav was closed before it finished opening/);
    expect(f.services.tapes.openCount).toBe(MAX_OPEN_TAPES);
    // And the service still opens tapes afterwards.
    expect((await open()).name).toBe('many.wav');
    expect(f.services.tapes.openCount).toBe(MAX_OPEN_TAPES);
  });
});

describe('TapeService deadlines', () => {
  it('closes a tape whose worker stops answering and tells the caller', async () => {
    const { dir, remove } = await tempDir();
    const temp = new TempFolder(dir);
    await temp.open();
    const files = new FileRegistry(temp);
    const tapes = new TapeService({
      files,
      events: new EventHub(),
      temp,
      workerUrl: new URL('../../../support/hanging-tape-worker.ts', import.meta.url),
      callTimeoutMs: 1_000,
    });
    try {
      const file = await writeTape(
        dir,
        'hang.wav',
        encodeKcs(testBytes(5), { sampleRate: RATE, leaderSeconds: 0.2, trailerSeconds: 0.2 }),
      );
      const handlers = tapes.handlers();
      const { tapeId } = await handlers['tape.open'](
        { fileId: (await files.register(file)).fileId },
        browser,
      );
      const started = Date.now();
      await expect(
        handlers['tape.findError']({ tapeId, from: 4242, direction: 'next' }, browser),
      ).rejects.toThrow('hang.wav did not answer in 1 s and was closed; open it again.');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(tapes.openCount).toBe(0);
      await expect(handlers['tape.content']({ tapeId }, browser)).rejects.toThrow('no longer open');
    } finally {
      await tapes.stop();
      await temp.close();
      await remove();
    }
  });
});
