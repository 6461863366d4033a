// A live recording streamed to a WAV file. The header's sizes are placeholders (which readers take as "to the
// end of the file") until stop patches them. Audio reaches the disk at least once a second, and a journal
// entry in the app's own folder names every recording in progress, so after a crash or a kill the next start
// fixes the header of each one left behind: the recording is kept up to its last second.
import { closeSync, ftruncateSync, fstatSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { WavWriter } from '../../core/formats/wav.ts';

/** Audio waits in memory at most this long before it is written. */
const FLUSH_SECONDS = 0.5;
const ENCODING = 'pcm16';
const BYTES_PER_FRAME = 2;
const HEADER_BYTES = 44;

export class WavRecording {
  readonly path: string;
  readonly sampleRate: number;
  readonly #writer: WavWriter;
  readonly #journalEntry: string;
  #fd: number;
  /** Where the next block goes (positional writes do not move the file position, so we keep our own). */
  #offset = HEADER_BYTES;
  #pending: Uint8Array[] = [];
  #pendingFrames = 0;
  #closed = false;

  private constructor(file: string, fd: number, sampleRate: number, journalEntry: string) {
    this.path = file;
    this.#fd = fd;
    this.sampleRate = sampleRate;
    this.#journalEntry = journalEntry;
    this.#writer = new WavWriter({ sampleRate, channels: 1, encoding: ENCODING });
    const header = this.#writer.start();
    if (header.length !== HEADER_BYTES) throw new Error('unexpected WAV header size');
    writeSync(fd, header, 0, header.length, 0);
  }

  /** Creates `file` (refusing to replace one that exists) and notes it in `journalDir`. */
  static async create(file: string, sampleRate: number, journalDir: string): Promise<WavRecording> {
    await mkdir(journalDir, { recursive: true });
    const fd = openSync(file, 'wx');
    const entry = path.join(journalDir, `${randomUUID()}.json`);
    try {
      // The pid tells a later start whether the recording is still going on in another process.
      await writeFile(entry, JSON.stringify({ path: path.resolve(file), sampleRate, pid: process.pid }));
      return new WavRecording(file, fd, sampleRate, entry);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  get frames(): number {
    return this.#writer.framesWritten;
  }

  get seconds(): number {
    return this.frames / this.sampleRate;
  }

  write(samples: Float32Array): void {
    if (this.#closed) return;
    this.#pending.push(this.#writer.write([samples]));
    this.#pendingFrames += samples.length;
    if (this.#pendingFrames >= FLUSH_SECONDS * this.sampleRate) this.flush();
  }

  flush(): void {
    if (this.#pending.length === 0 || this.#closed) return;
    const total = this.#pending.reduce((n, part) => n + part.length, 0);
    const block = new Uint8Array(total);
    let at = 0;
    for (const part of this.#pending) {
      block.set(part, at);
      at += part.length;
    }
    this.#pending = [];
    this.#pendingFrames = 0;
    writeSync(this.#fd, block, 0, block.length, this.#offset);
    this.#offset += block.length;
  }

  /** Writes what is pending, patches the header and forgets the journal entry. */
  async finish(): Promise<{ path: string; frames: number; seconds: number }> {
    if (!this.#closed) {
      this.flush();
      const { header, trailer } = this.#writer.finalize();
      if (trailer.length > 0) writeSync(this.#fd, trailer, 0, trailer.length, this.#offset);
      writeSync(this.#fd, header, 0, header.length, 0);
      closeSync(this.#fd);
      this.#closed = true;
      await rm(this.#journalEntry, { force: true });
    }
    return { path: this.path, frames: this.frames, seconds: this.seconds };
  }
}

/** Patches the header of a WAV left with placeholder sizes: the data runs to the last whole frame. */
export function repairWavHeader(file: string, sampleRate: number): { frames: number } {
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    const frames = Math.max(0, Math.floor((size - HEADER_BYTES) / BYTES_PER_FRAME));
    const dataBytes = frames * BYTES_PER_FRAME;
    ftruncateSync(fd, HEADER_BYTES + dataBytes);
    const writer = new WavWriter({ sampleRate, channels: 1, encoding: ENCODING });
    writer.start();
    if (frames > 0) writer.write([new Float32Array(frames)]);
    const { header, trailer } = writer.finalize();
    if (trailer.length > 0) writeSync(fd, trailer, 0, trailer.length, HEADER_BYTES + dataBytes);
    writeSync(fd, header, 0, header.length, 0);
    return { frames };
  } finally {
    closeSync(fd);
  }
}

export interface RecoveredRecording {
  path: string;
  seconds: number;
}

/**
 * Repairs every recording the journal in `journalDir` still lists (a crash or kill stopped it) and returns
 * them. Entries whose file is gone are dropped; a file is only touched when it still has placeholder sizes.
 */
export async function recoverRecordings(journalDir: string): Promise<RecoveredRecording[]> {
  let names: string[];
  try {
    names = await readdir(journalDir);
  } catch {
    return [];
  }
  const recovered: RecoveredRecording[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const entry = path.join(journalDir, name);
    try {
      const {
        path: file,
        sampleRate,
        pid,
      } = JSON.parse(await readFile(entry, 'utf8')) as {
        path: string;
        sampleRate: number;
        pid?: number;
      };
      // Another process (the CLI's record beside the app, or a second app) is still writing it.
      if (typeof pid === 'number' && pid !== process.pid && isRunning(pid)) continue;
      if (await hasPlaceholderSizes(file)) {
        const { frames } = repairWavHeader(file, sampleRate);
        recovered.push({ path: file, seconds: frames / sampleRate });
      }
    } catch {
      // A damaged entry or a file that is gone: nothing left to recover.
    }
    await rm(entry, { force: true });
  }
  return recovered;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function hasPlaceholderSizes(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES) return false;
    const view = new DataView(head.buffer);
    return String.fromCharCode(...head.subarray(0, 4)) === 'RIFF' && view.getUint32(40, true) === 0xffffffff;
  } finally {
    await handle.close();
  }
}
