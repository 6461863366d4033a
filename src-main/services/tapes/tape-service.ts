// The tapes section of the contract. Each open tape has its own process (tape-process.ts) that analyses the
// file and then answers queries from its compact results; this class only routes requests and events.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type {
  FileRef,
  TapeExportKind,
  TapeFormat,
  TapeInfo,
  TapePeaks,
  TapeSummary,
  tapeRequests,
} from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { FileRegistry } from '../file-registry.ts';
import type { TempFolder } from '../temp-folder.ts';
import { EXPORT_EXTENSIONS } from './tape-export.ts';
import { TapeProcess } from './tape-process.ts';
import { countNuls } from './tape-results.ts';
import type {
  TapeQuery,
  TapeQueryResults,
  TapeRequestMessage,
  TapeWorkerData,
  TapeWorkerMessage,
} from './tape-protocol.ts';

/** Where an export goes in Electron: the host's save dialog; null when the user cancels. */
export type SaveDialog = (defaultName: string, kind: TapeExportKind) => Promise<string | null>;

export interface TapeServiceOptions {
  files: FileRegistry;
  events: EventHub;
  /** Where spills and exports waiting for download live. */
  temp: TempFolder;
  /** The tape process's script: the .ts source in tests, out/main/tape-worker.js in the built app. */
  workerUrl: URL;
  saveDialog?: SaveDialog;
  /** How long an export waits for its download, and stays after a download ends (tests shorten them). */
  exportLifetimeMs?: { unclaimed: number; afterDownload: number };
  /** How long a query may go unanswered before the tape's worker counts as hung and the tape is closed. */
  callTimeoutMs?: number;
}

export const MAX_OPEN_TAPES = 8;
const EXPORT_LIFETIME_MS = { unclaimed: 15 * 60_000, afterDownload: 60_000 };
const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** Opening waits for the worker to load and read the file's header. */
const OPEN_TIMEOUT_MS = 30_000;
/** A clean WAV of an hour-long tape is a large file to write. */
const EXPORT_CALL_TIMEOUT_MS = 120_000;

/** An export waiting in the temporary folder for the browser host's download. */
interface PendingExport {
  ref: FileRef;
  downloads: number;
  timer: NodeJS.Timeout | null;
}

const EMPTY_SUMMARY: TapeSummary = {
  frames: 0,
  durationSeconds: 0,
  bytes: 0,
  bits: 0,
  framingErrors: 0,
  parityErrors: 0,
  lowConfidenceBits: 0,
  tapeFormat: null,
  markHz: null,
  spaceHz: null,
  baud: null,
  speedDeviationPercent: null,
  recordings: [],
  warnings: [],
};

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

class OpenTape {
  readonly tapeId = `tape-${randomUUID()}`;
  readonly fileId: string;
  readonly name: string;
  readonly worker: TapeProcess;
  readonly spillFiles: [string, string];
  format: TapeFormat | null = null;
  state: TapeInfo['state'] = 'analysing';
  summary: TapeSummary = EMPTY_SUMMARY;
  error: string | null = null;
  readonly pending = new Map<number, Pending>();
  nextId = 1;
  /** A query went unanswered: the process is not asked for anything more, only ended. */
  hung = false;
  readonly #timeoutMs: number;
  readonly #onHung: (tape: OpenTape) => void;

  constructor(
    fileId: string,
    name: string,
    worker: TapeProcess,
    spillFiles: [string, string],
    timeoutMs: number,
    onHung: (tape: OpenTape) => void,
  ) {
    this.fileId = fileId;
    this.name = name;
    this.worker = worker;
    this.spillFiles = spillFiles;
    this.#timeoutMs = timeoutMs;
    this.#onHung = onHung;
  }

  info(): TapeInfo {
    if (this.format === null) throw new ServiceError('failed', `${this.name} is not open yet.`);
    return {
      tapeId: this.tapeId,
      fileId: this.fileId,
      name: this.name,
      format: this.format,
      state: this.state,
      summary: this.summary,
      error: this.error,
    };
  }

  /** Asks the worker; one that does not answer in time is hung, and the tape is closed (`onHung`). */
  ask<Q extends TapeQuery>(query: Q): Promise<TapeQueryResults[Q['op']]> {
    const id = this.nextId++;
    const timeout =
      query.op === 'export' ? Math.max(EXPORT_CALL_TIMEOUT_MS, this.#timeoutMs) : this.#timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.pending.delete(id)) return;
        const seconds = Math.round(timeout / 100) / 10;
        reject(
          new ServiceError(
            'failed',
            `${this.name} did not answer in ${seconds} s and was closed; open it again.`,
          ),
        );
        this.hung = true;
        this.#onHung(this);
      }, timeout);
      this.pending.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value as TapeQueryResults[Q['op']])),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.worker.postMessage({ ...query, id } satisfies TapeRequestMessage);
    });
  }

  failAll(message: string): void {
    for (const call of this.pending.values()) call.reject(new ServiceError('failed', message));
    this.pending.clear();
  }
}

const round = (values: Float32Array): number[] => Array.from(values, (x) => Math.round(x * 1e4) / 1e4);

export class TapeService {
  readonly #options: TapeServiceOptions;
  readonly #tapes = new Map<string, OpenTape>();
  readonly #exports = new Map<string, PendingExport>();
  readonly #exportLifetime: { unclaimed: number; afterDownload: number };
  /** Closes under way, which `stop` waits for (a hung tape is closed from a timer). */
  readonly #closing = new Set<Promise<void>>();

  constructor(options: TapeServiceOptions) {
    this.#options = options;
    this.#exportLifetime = options.exportLifetimeMs ?? EXPORT_LIFETIME_MS;
  }

  get openCount(): number {
    return this.#tapes.size;
  }

  /** An export registered for download by the browser host, or null. */
  exportFile(fileId: string): FileRef | null {
    return this.#exports.get(fileId)?.ref ?? null;
  }

  /**
   * Writes an export (`write` fills the path it is given) in the temporary folder and offers it for the
   * browser host's download, with the lifetime of tape exports. The library's exports come here too.
   */
  async offerExport(fileName: string, write: (target: string) => Promise<void>): Promise<FileRef> {
    const target = this.#options.temp.file('export', fileName.replace(/[^\w.\- ()]/g, '_').slice(-120));
    let ref: FileRef;
    try {
      await write(target);
      ref = await this.#options.files.register(target, fileName);
    } catch (error) {
      await this.#options.temp.remove(target);
      throw error;
    }
    const pending: PendingExport = { ref, downloads: 0, timer: null };
    this.#exports.set(ref.fileId, pending);
    this.#expire(pending, this.#exportLifetime.unclaimed);
    return ref;
  }

  /**
   * Tells the service a download of an export starts; call the function returned when it ends. The export
   * is deleted a while after its last download ends, or if never downloaded, a while after it was made.
   */
  beginDownload(fileId: string): () => void {
    const pending = this.#exports.get(fileId);
    if (!pending) return () => {};
    pending.downloads++;
    this.#expire(pending, null);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      pending.downloads--;
      if (pending.downloads === 0) this.#expire(pending, this.#exportLifetime.afterDownload);
    };
  }

  #expire(pending: PendingExport, afterMs: number | null): void {
    if (pending.timer !== null) clearTimeout(pending.timer);
    pending.timer = null;
    if (afterMs === null) return;
    pending.timer = setTimeout(() => {
      this.#exports.delete(pending.ref.fileId);
      void this.#options.files.forget(pending.ref.fileId);
    }, afterMs);
    pending.timer.unref();
  }

  async open(fileId: string, channel?: number): Promise<TapeInfo> {
    // An upload still arriving is decoded as it arrives: the worker waits for its bytes.
    const entry = this.#options.files.get(fileId, { whileUploading: true });
    while (this.#tapes.size >= MAX_OPEN_TAPES) {
      // The oldest tape that is open already goes first; one still opening only when every tape is.
      const tapes = [...this.#tapes.values()];
      const oldest = tapes.find((t) => t.format !== null) ?? tapes[0];
      if (oldest === undefined) break;
      await this.close(oldest.tapeId);
    }
    const temp = this.#options.temp;
    const data: TapeWorkerData = {
      path: entry.path,
      name: entry.name,
      spillFiles: [temp.file('spill', 's16'), temp.file('spill', 's16')],
      ...(channel === undefined ? {} : { channel }),
    };
    const worker = new TapeProcess(this.#options.workerUrl, data, entry.growing);
    const timeout = this.#options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const tape = new OpenTape(fileId, entry.name, worker, data.spillFiles, timeout, (hung) => {
      void this.close(hung.tapeId);
    });
    this.#tapes.set(tape.tapeId, tape);
    this.#options.files.hold(fileId);
    return new Promise<TapeInfo>((resolve, reject) => {
      let opened = false;
      const openTimeout = Math.max(OPEN_TIMEOUT_MS, timeout);
      const timer = setTimeout(
        () => fail(`${tape.name} did not open in ${Math.round(openTimeout / 100) / 10} s.`),
        openTimeout,
      );
      const fail = (message: string): void => {
        clearTimeout(timer);
        tape.state = 'failed';
        tape.error = message;
        tape.failAll(message);
        if (!opened) {
          opened = true;
          void this.close(tape.tapeId);
          reject(new ServiceError('failed', message));
        } else {
          this.#options.events.emit('tape.failed', { tapeId: tape.tapeId, message });
        }
      };
      worker.on('message', (message: TapeWorkerMessage) => {
        // A closed tape's process may still say something before it ends; only its replies are awaited.
        if (message.type !== 'reply' && this.#tapes.get(tape.tapeId) !== tape) return;
        switch (message.type) {
          case 'format':
            clearTimeout(timer);
            tape.format = message.format;
            opened = true;
            resolve(tape.info());
            break;
          case 'progress': {
            tape.summary = message.summary;
            const total = tape.format?.frames ?? null;
            const fraction = total !== null && total > 0 ? Math.min(1, message.frames / total) : null;
            this.#options.events.emit('tape.progress', {
              tapeId: tape.tapeId,
              fraction,
              summary: message.summary,
            });
            break;
          }
          case 'done':
            tape.summary = message.summary;
            tape.state = 'done';
            tape.format = message.format;
            this.#options.events.emit('tape.analyzed', {
              tapeId: tape.tapeId,
              format: message.format,
              summary: message.summary,
            });
            break;
          case 'failed':
            fail(message.message);
            break;
          case 'reply': {
            const call = tape.pending.get(message.id);
            tape.pending.delete(message.id);
            if (message.ok) call?.resolve(message.value);
            else call?.reject(new ServiceError('failed', message.message));
            break;
          }
        }
      });
      worker.on('error', (error) => fail(`The tape analysis stopped: ${error.message}`));
      worker.on('exit', () => {
        const closed = this.#tapes.get(tape.tapeId) !== tape;
        if (!opened && closed) {
          fail(
            `${tape.name} was closed before it finished opening: at most ${MAX_OPEN_TAPES} tapes stay open, and more were opened at once.`,
          );
        } else if (!closed && tape.state === 'analysing') {
          fail('The tape analysis stopped unexpectedly.');
        }
        tape.failAll(`${tape.name} is closed.`);
      });
    });
  }

  /** Closes a tape: its process ends (giving back all it held) and its spill files are deleted. */
  async close(tapeId: string): Promise<void> {
    const tape = this.#tapes.get(tapeId);
    if (!tape) return;
    this.#tapes.delete(tapeId);
    const closing = (async () => {
      try {
        if (!tape.hung)
          await Promise.race([
            tape.ask({ op: 'close' }),
            new Promise((resolve) => setTimeout(resolve, 2000)),
          ]);
      } catch {
        // A worker that already failed has nothing left to release.
      }
      await tape.worker.terminate();
      this.#options.files.release(tape.fileId);
      await Promise.all(tape.spillFiles.map((file) => this.#options.temp.remove(file)));
    })();
    this.#closing.add(closing);
    try {
      await closing;
    } finally {
      this.#closing.delete(closing);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#tapes.keys()].map((id) => this.close(id)));
    await Promise.all(this.#closing);
    for (const pending of this.#exports.values()) this.#expire(pending, null);
    await Promise.all([...this.#exports.keys()].map((id) => this.#options.files.forget(id)));
    this.#exports.clear();
  }

  #get(tapeId: string): OpenTape {
    const tape = this.#tapes.get(tapeId);
    if (!tape) throw new ServiceError('not-found', 'That tape is no longer open; open it again.');
    return tape;
  }

  #range(tape: OpenTape, start: number, end: number): void {
    if (end <= start) throw new ServiceError('bad-request', `The range ${start}..${end} is empty.`);
    if (tape.state === 'failed') throw new ServiceError('failed', tape.error ?? 'The analysis failed.');
  }

  handlers(): SectionHandlers<typeof tapeRequests> {
    return {
      'tape.open': async ({ fileId, channel }) => this.open(fileId, channel),
      'tape.info': async ({ tapeId }) => this.#get(tapeId).info(),
      'tape.close': async ({ tapeId }) => {
        this.#get(tapeId);
        await this.close(tapeId);
        return {};
      },
      'tape.peaks': async ({ tapeId, start, end, columns }) => {
        const tape = this.#get(tapeId);
        this.#range(tape, start, end);
        const result = await tape.ask({ op: 'peaks', start, end, columns });
        const answer: TapePeaks =
          result.kind === 'raw'
            ? { kind: 'raw', start: result.start, samples: round(result.samples) }
            : { kind: 'peaks', start, end, min: round(result.min), max: round(result.max) };
        return answer;
      },
      'tape.annotations': async ({ tapeId, start, end, maxBits = 4000, maxBytes }) => {
        const tape = this.#get(tapeId);
        this.#range(tape, start, end);
        return tape.ask({
          op: 'annotations',
          start,
          end,
          maxBits,
          maxBytes: maxBytes ?? Math.ceil(maxBits / 8),
        });
      },
      'tape.content': async ({ tapeId }) => {
        const content = await this.#get(tapeId).ask({ op: 'content' });
        // The page lays out its own text from the bytes: only the count of hidden NULs goes with them.
        return {
          bytesBase64: Buffer.from(content.bytes).toString('base64'),
          nulCount: countNuls(content.bytes),
          errorIndices: content.errorIndices,
          framingErrorIndices: content.framingErrorIndices,
          errorsTruncated: content.errorsTruncated,
        };
      },
      'tape.locate': async (input) => {
        const tape = this.#get(input.tapeId);
        return tape.ask(
          'byte' in input ? { op: 'locate', byte: input.byte } : { op: 'locate', sample: input.sample },
        );
      },
      'tape.findError': async ({ tapeId, from, direction }) =>
        this.#get(tapeId).ask({ op: 'findError', from, direction }),
      'tape.export': async ({ tapeId, kind }, context) => {
        const tape = this.#get(tapeId);
        if (tape.state !== 'done') {
          throw new ServiceError(
            'failed',
            `${tape.name} is ${tape.state === 'failed' ? 'not decodable' : 'still being analysed'}.`,
          );
        }
        const base = tape.name.replace(/\.[^.]*$/, '') || 'tape';
        const fileName = `${base}${EXPORT_EXTENSIONS[kind]}`;
        if (context.host === 'electron' && this.#options.saveDialog) {
          const target = await this.#options.saveDialog(fileName, kind);
          if (target === null) return { fileName, bytes: 0, download: null, savedAs: null };
          const { bytes } = await tape.ask({ op: 'export', kind, path: target });
          return { fileName, bytes, download: null, savedAs: path.basename(target) };
        }
        const ref = await this.offerExport(fileName, async (target) => {
          await tape.ask({ op: 'export', kind, path: target });
        });
        return { fileName, bytes: ref.size, download: ref, savedAs: null };
      },
    };
  }
}
