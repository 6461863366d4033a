// Record from and play to a real board, in the app: the contract's recorder and player requests over the audio
// service. A recording streams to a WAV in the app's own recordings folder (with the capture's journal, so a
// crash loses at most its last second) and, when it stops, becomes a take in the tape library; the WAV, which
// the app created, is removed once the library holds its copy. Playback takes a library take, an opened file
// or typed text, encoded on the fly.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { padBasicLines } from '../../core/formats/basic-padding.ts';
import { tapeContent } from '../../core/formats/tape-content.ts';
import type { boardTapeRequests, PlaySourceInput } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { FileRegistry } from '../file-registry.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { SettingsStore } from '../settings-store.ts';
import { decodeTapeFile, isAudioFile } from '../tape-decode.ts';
import type { CaptureSummary, CaptureUpdate, PlaySource } from './audio-protocol.ts';
import type { AudioService } from './audio-service.ts';

/** Samples per column of the live waveform (about 2,200 columns a second at 44.1 kHz). */
const ENVELOPE_STEP = 20;
const AUDIO_FORMATS = new Set(['wav', 'flac', 'ogg-flac', 'ogg-vorbis', 'mp3']);

export interface BoardTapeOptions {
  audio: AudioService;
  library: LibraryService;
  settings: SettingsStore;
  events: EventHub;
  files: FileRegistry;
  userDataDir: string;
  log?: (message: string, error?: unknown) => void;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
const pad = (n: number): string => String(n).padStart(2, '0');
const stamp = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class BoardTape {
  readonly #options: BoardTapeOptions;
  /** The WAV being recorded (ours), while a recording runs. */
  #recording: { file: string; title: string } | null = null;
  #playing = false;

  constructor(options: BoardTapeOptions) {
    this.#options = options;
    options.audio.on((event) => {
      if (event.kind === 'capture' && this.#recording) this.#update(event.update);
      else if (event.kind === 'captureEnded' && this.#recording) {
        const recording = this.#recording;
        this.#recording = null;
        void this.#keep(recording, event.summary);
      } else if (event.kind === 'playProgress' && this.#playing) {
        options.events.emit('player.progress', { ...event.progress, ended: false, error: null });
      } else if (event.kind === 'playEnded' && this.#playing) {
        this.#playing = false;
        options.events.emit('player.progress', {
          position: event.position,
          total: null,
          paused: false,
          ended: true,
          error: event.error ?? null,
        });
      }
    });
  }

  get recordingsDir(): string {
    return path.join(this.#options.userDataDir, 'recordings');
  }

  /**
   * Keeps what the recordings folder still holds as takes: recordings a crash or kill left unfinished (their
   * headers repaired by the journal first) and any the library could not take before (the app closed
   * mid-import). Only the app writes to that folder.
   */
  async recover(): Promise<void> {
    for (const old of await this.#options.audio.recover()) {
      this.#options.log?.(`repaired ${old.seconds.toFixed(1)} s of an interrupted recording: ${old.path}`);
    }
    const names = await readdir(this.recordingsDir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.wav'))) {
      const title = `Line-in (recovered) ${stamp(new Date())}`;
      await this.#keep({ file: path.join(this.recordingsDir, name), title }, null);
    }
  }

  #update(update: CaptureUpdate): void {
    const envelope = update.envelope ?? { start: 0, step: ENVELOPE_STEP, min: [], max: [] };
    this.#options.events.emit('recorder.update', {
      state: update.state,
      seconds: update.seconds,
      peak: update.level.peak,
      carrier: update.carrier,
      framingErrors: update.framingErrors,
      origin: update.origin,
      bytes: update.bytes,
      bits: (update.bits ?? []).map((b) => ({ ...b, confidence: round(b.confidence) })),
      envelope: {
        start: envelope.start,
        step: envelope.step,
        min: envelope.min.map(round),
        max: envelope.max.map(round),
      },
    });
  }

  /** A finished recording becomes a take; our WAV goes once the library has its copy. */
  async #keep(recording: { file: string; title: string }, summary: CaptureSummary | null): Promise<void> {
    const { events } = this.#options;
    const ended = {
      reason: summary?.reason ?? 'stopped',
      error: summary?.error ?? null,
      seconds: summary?.seconds ?? 0,
      bytes: summary?.bytes ?? 0,
      framingErrors: summary?.framingErrors ?? 0,
      tapeId: null as number | null,
      takeId: null as number | null,
      title: null as string | null,
      file: recording.file as string | null,
    };
    const also = (problem: string): string => (ended.error ? `${ended.error}; ${problem}` : problem);
    const size = (await stat(recording.file).catch(() => null))?.size ?? 0;
    if (size <= 44) {
      // Armed, and the carrier never came: an empty file of ours, nothing to keep.
      await rm(recording.file, { force: true });
      events.emit('recorder.ended', { ...ended, file: null, error: ended.error ?? 'Nothing was recorded.' });
      return;
    }
    const library = this.#options.library.library;
    if (!library) {
      events.emit('recorder.ended', {
        ...ended,
        error: also(`the library is not open, so the recording stays at ${recording.file}`),
      });
      return;
    }
    try {
      const [entry] = await library.import([{ path: recording.file }], {
        origin: 'line-in',
        title: recording.title,
      });
      if (entry?.status !== 'imported' || entry.takeId === null) {
        throw new Error(entry?.reason ?? 'the library did not take it');
      }
      await rm(recording.file, { force: true });
      events.emit('library.changed', {});
      events.emit('recorder.ended', {
        ...ended,
        tapeId: entry.tapeId,
        takeId: entry.takeId,
        title: recording.title,
        file: null,
      });
    } catch (error) {
      events.emit('recorder.ended', {
        ...ended,
        error: also(`could not keep it in the library (${message(error)}); it stays at ${recording.file}`),
      });
    }
  }

  async #newFile(): Promise<{ file: string; title: string }> {
    const now = new Date();
    const base = `line-in-${stamp(now)
      .replace(/[-: ]/g, '')
      .replace(/^(\d{8})/, '$1-')}`;
    for (let n = 0; ; n++) {
      const file = path.join(this.recordingsDir, `${base}${n === 0 ? '' : `-${n}`}.wav`);
      if ((await stat(file).catch(() => null)) === null) return { file, title: `Line-in ${stamp(now)}` };
    }
  }

  async #source(
    source: PlaySourceInput,
    leaderSeconds: number,
    trailerSeconds: number,
    nulls: number | null,
  ): Promise<{ source: PlaySource; what: string }> {
    const bytes = (data: Uint8Array, what: string): { source: PlaySource; what: string } => {
      if (data.length === 0) throw new ServiceError('failed', 'There are no bytes to play.');
      return { source: { kind: 'bytes', bytes: data, leaderSeconds, trailerSeconds }, what };
    };
    const text = (data: Uint8Array, as: 'auto' | 'basic' | '65v' | 'raw', name: string) => {
      const content = tapeContent(data, as, nulls ?? 10);
      const kind = { raw: 'bytes', basic: 'a BASIC listing', '65v': '65V monitor text' }[content.kind];
      return bytes(content.bytes, `${name}: ${content.bytes.length} bytes (${kind})`);
    };
    if (source.kind === 'text')
      return text(new Uint8Array(Buffer.from(source.text, 'latin1')), source.as, 'typed text');
    if (source.kind === 'file') {
      const entry = this.#options.files.get(source.fileId);
      if (!(await isAudioFile(entry.path)))
        return text(new Uint8Array(await readFile(entry.path)), source.as, entry.name);
      if (!source.clean)
        return { source: { kind: 'audio', path: entry.path }, what: `${entry.name} as recorded` };
      const decoded = Uint8Array.from((await decodeTapeFile(entry.path, entry.name)).bytes, (b) => b.value);
      return bytes(decoded, `${entry.name}: ${decoded.length} decoded bytes, re-encoded clean`);
    }
    const library = this.#options.library.library;
    if (!library) throw new ServiceError('failed', 'The library is not open.');
    try {
      const take = library.tape(library.takeTape(source.takeId)).takes.find((t) => t.id === source.takeId);
      if (!take) throw new ServiceError('not-found', `Take ${source.takeId} is not in the library.`);
      if (AUDIO_FORMATS.has(take.format) && !source.clean) {
        return {
          source: { kind: 'audio', path: library.originalPath(take.id) },
          what: `${take.name} as recorded`,
        };
      }
      let data = library.content(take.id).bytes;
      const basic = take.blocks.some((b) => b.kind === 'basic');
      if (basic && nulls !== null) data = padBasicLines(data, nulls);
      const how = AUDIO_FORMATS.has(take.format) ? 'decoded bytes, re-encoded clean' : 'bytes encoded';
      return bytes(
        data,
        `${take.name}: ${data.length} ${how}${basic && nulls !== null ? `, ${nulls} NULs a line` : ''}`,
      );
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('failed', message(error));
    }
  }

  handlers(): SectionHandlers<typeof boardTapeRequests> {
    const { audio, settings } = this.#options;
    return {
      'recorder.start': async ({ device, armed, silenceSeconds, maxSeconds }) => {
        if (this.#recording) throw new ServiceError('failed', 'A recording is already running.');
        const name = device ?? settings.get().audio.input ?? '';
        const target = await this.#newFile();
        await mkdir(this.recordingsDir, { recursive: true });
        this.#recording = target;
        try {
          const { sampleRate } = await audio.capture({
            device: name,
            file: target.file,
            bits: true,
            envelopeStep: ENVELOPE_STEP,
            ...(armed ? { untilSilence: silenceSeconds } : {}),
            ...(maxSeconds === undefined ? {} : { seconds: maxSeconds }),
          });
          await settings.update({ audio: { input: name || null } });
          return { device: name, sampleRate, fileName: path.basename(target.file) };
        } catch (error) {
          this.#recording = null;
          const text = message(error);
          throw new ServiceError(
            'failed',
            /already running/.test(text)
              ? 'The input is in use (the Devices panel is listening, or the terminal runs): stop that first.'
              : text,
          );
        }
      },
      'recorder.stop': async () => {
        if (this.#recording) await audio.captureStop();
        return {};
      },
      'player.play': async ({ source, device, leaderSeconds, trailerSeconds, nulls }) => {
        if (this.#playing) throw new ServiceError('failed', 'A tape is already playing: stop it first.');
        const planned = await this.#source(source, leaderSeconds, trailerSeconds, nulls);
        const name = device ?? settings.get().audio.output ?? '';
        this.#playing = true;
        try {
          const started = await audio.play({ device: name, source: planned.source });
          await settings.update({ audio: { output: name || null } });
          return { device: name, what: planned.what, sampleRate: started.sampleRate, total: started.total };
        } catch (error) {
          this.#playing = false;
          throw new ServiceError('failed', message(error));
        }
      },
      'player.control': async ({ action }) => {
        if (!this.#playing) throw new ServiceError('failed', 'Nothing is playing.');
        try {
          await audio.playControl(action);
        } catch (error) {
          throw new ServiceError('failed', message(error));
        }
        return {};
      },
    };
  }
}
