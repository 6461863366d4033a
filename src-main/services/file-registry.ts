import { randomUUID } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileRef } from '../ipc/contract.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import { uploadTooLarge } from '../ipc/wire.ts';
import { GrowingFile } from './growing-file.ts';
import type { TempFolder } from './temp-folder.ts';

interface Entry extends FileRef {
  path: string;
  /** While an upload arrives. */
  growing?: GrowingFile;
}

/** Uploads kept at once; past this the oldest one no open tape uses is deleted. */
export const MAX_KEPT_UPLOADS = 16;
/** Reserved uploads that have not started, at once, and how long one may wait to start. */
const MAX_RESERVED = 8;
const RESERVATION_MS = 60_000;
const NOT_RESERVED = 'That upload was not reserved or has expired; open the file again.';

/**
 * The files the user has handed to the app, by opaque id. The renderer never names paths: Electron's dialog
 * or the browser host's upload registers a file here and the renderer refers to it by id. Uploads are
 * temporary files: the newest MAX_KEPT_UPLOADS, and those in use (`hold`), are kept for the session.
 */
export class FileRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly #temp: TempFolder;
  /** Upload ids, oldest first. */
  readonly #uploads: string[] = [];
  readonly #holds = new Map<string, number>();
  /** Reserved uploads not started yet, with the timer that drops them. */
  readonly #reserved = new Map<string, NodeJS.Timeout>();

  constructor(temp: TempFolder) {
    this.#temp = temp;
  }

  async register(filePath: string, name = path.basename(filePath), folder = false): Promise<FileRef> {
    const info = await stat(filePath).catch((error: Error) => {
      throw new ServiceError('not-found', `Cannot open ${name}: ${error.message}`);
    });
    if (folder ? !info.isDirectory() : !info.isFile())
      throw new ServiceError('bad-request', `${name} is not a ${folder ? 'folder' : 'file'}.`);
    const ref: FileRef = { fileId: randomUUID(), name, size: info.size };
    this.#entries.set(ref.fileId, { ...ref, path: filePath });
    return ref;
  }

  /**
   * Reserves an upload of `size` bytes and names it at once, so a tape can be opened while its bytes arrive
   * (`get(id, { whileUploading: true })`, with `growing` saying how far they are). The upload must start
   * within RESERVATION_MS (its POST names the id); a reservation that never starts is dropped.
   */
  reserveUpload(name: string, size: number, maxBytes: number): FileRef {
    const safe = safeName(name);
    if (size > maxBytes) throw new ServiceError('bad-request', uploadTooLarge(safe, maxBytes));
    if (this.#reserved.size >= MAX_RESERVED)
      throw new ServiceError('failed', 'Too many uploads waiting to start; try again when they are done.');
    const ref: FileRef = { fileId: randomUUID(), name: safe, size };
    const growing = new GrowingFile({ total: size });
    this.#entries.set(ref.fileId, { ...ref, path: this.#temp.file('upload', safe), growing });
    const timer = setTimeout(() => this.abandonUpload(ref.fileId), RESERVATION_MS);
    timer.unref();
    this.#reserved.set(ref.fileId, timer);
    return ref;
  }

  /** Claims a reservation for the upload whose body is `declared` bytes; throws if it cannot be used. */
  claimUpload(fileId: string, declared: number): void {
    const timer = this.#reserved.get(fileId);
    const entry = this.#entries.get(fileId);
    if (timer === undefined || entry === undefined) throw new ServiceError('not-found', NOT_RESERVED);
    if (entry.size !== declared)
      throw new ServiceError(
        'bad-request',
        `${entry.name} was reserved as ${entry.size} bytes, not ${declared}.`,
      );
    clearTimeout(timer);
    this.#reserved.delete(fileId);
  }

  /** Gives up a reserved upload that will not arrive (refused, or never started): readers waiting fail. */
  abandonUpload(fileId: string): void {
    const timer = this.#reserved.get(fileId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#reserved.delete(fileId);
    this.#entries.get(fileId)?.growing?.end(false);
    this.#entries.delete(fileId);
  }

  /**
   * Stores an upload from the browser host, into the reservation `fileId` when given (claimed first); a
   * failed or aborted upload leaves nothing behind. Bytes are written as they arrive, and a reserved upload
   * tells its readers after each write how far the file is.
   */
  async storeUpload(name: string, body: Readable, maxBytes: number, fileId?: string): Promise<FileRef> {
    const reserved = fileId === undefined ? undefined : this.#entries.get(fileId);
    if (fileId !== undefined && reserved?.growing === undefined)
      throw new ServiceError('not-found', NOT_RESERVED);
    const safe = reserved?.name ?? safeName(name);
    const id = fileId ?? randomUUID();
    const target = reserved?.path ?? this.#temp.file('upload', safe);
    const growing = reserved?.growing ?? null;
    if (reserved) this.#uploads.push(id);
    let received = 0;
    try {
      // The file is open before the body flows, so no byte passes by. Its SHA-1 is not taken here: it only
      // names the file for the library, and the bytes are hashed once the tape is shown (`files.describe`),
      // not on the way in, where every byte's processor time holds up the tape's decoding beside it.
      const sink = await fileSink(target, growing);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes)
          body.destroy(new ServiceError('bad-request', `${safe} is larger than ${maxBytes} bytes.`));
      });
      await pipeline(body, sink);
    } catch (error) {
      body.resume();
      growing?.end(false);
      await this.forget(id);
      await this.#temp.remove(target);
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('failed', `Upload of ${safe} did not complete: ${(error as Error).message}`);
    }
    growing?.end(true);
    const ref: FileRef = { fileId: id, name: safe, size: received };
    this.#entries.set(id, { ...ref, path: target });
    if (!reserved) this.#uploads.push(id);
    await this.#trimUploads();
    return ref;
  }

  /** Marks a file as in use (an open tape reads it), so it is not deleted; `release` undoes it. */
  hold(fileId: string): void {
    this.#holds.set(fileId, (this.#holds.get(fileId) ?? 0) + 1);
  }

  release(fileId: string): void {
    const count = (this.#holds.get(fileId) ?? 0) - 1;
    if (count > 0) this.#holds.set(fileId, count);
    else this.#holds.delete(fileId);
  }

  /** Forgets a file; one the app made in its temporary folder (an upload, an export) is deleted too. */
  async forget(fileId: string): Promise<void> {
    const entry = this.#entries.get(fileId);
    if (!entry) return;
    this.#entries.delete(fileId);
    this.#holds.delete(fileId);
    const upload = this.#uploads.indexOf(fileId);
    if (upload >= 0) this.#uploads.splice(upload, 1);
    await this.#temp.remove(entry.path);
  }

  async #trimUploads(): Promise<void> {
    const unused = this.#uploads.filter((id) => !this.#holds.has(id) && !this.#entries.get(id)?.growing);
    const excess = this.#uploads.length - MAX_KEPT_UPLOADS;
    for (const id of unused.slice(0, Math.max(0, excess))) await this.forget(id);
  }

  /**
   * A registered file. One still uploading is only handed out `whileUploading` (to a reader that waits for
   * its bytes through `growing`); anything else is told to wait.
   */
  get(fileId: string, { whileUploading = false } = {}): Entry {
    const entry = this.#entries.get(fileId);
    if (!entry) throw new ServiceError('not-found', 'That file is no longer open; open it again.');
    if (entry.growing && !whileUploading)
      throw new ServiceError('failed', `${entry.name} is still being uploaded; try again when it is in.`);
    return entry;
  }

  /** Reads up to `length` bytes from the start of a registered file. */
  async head(fileId: string, length: number): Promise<Uint8Array> {
    const handle = await open(this.get(fileId).path, 'r');
    try {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
}

function safeName(name: string): string {
  return (
    path
      .basename(name)
      .replace(/[^\w.\- ()]/g, '_')
      .slice(0, 120) || 'upload'
  );
}

/**
 * A new file (`wx`: never one that exists) written as the bytes come, whatever has queued during the last
 * write going in one `writev`; `growing` hears how many bytes are on disk after each write.
 */
async function fileSink(target: string, growing: GrowingFile | null): Promise<Writable> {
  const handle = await open(target, 'wx');
  let written = 0;
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => (closed ??= handle.close());
  return new Writable({
    highWaterMark: 1 << 20,
    writev(chunks, callback) {
      const buffers = chunks.map(({ chunk }) => chunk as Buffer);
      const length = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
      handle.writev(buffers).then(({ bytesWritten }) => {
        written += bytesWritten;
        growing?.grew(written);
        callback(bytesWritten < length ? new Error('the disk took only part of a write') : null);
      }, callback);
    },
    final(callback) {
      close().then(() => callback(), callback);
    },
    destroy(error, callback) {
      close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
}
