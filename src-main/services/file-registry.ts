import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FileRef } from '../ipc/contract.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import type { TempFolder } from './temp-folder.ts';

interface Entry extends FileRef {
  path: string;
}

/** Uploads kept at once; past this the oldest one no open tape uses is deleted. */
export const MAX_KEPT_UPLOADS = 16;

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

  /** Stores an upload from the browser host; a failed or aborted upload leaves nothing behind. */
  async storeUpload(name: string, body: Readable, maxBytes: number): Promise<FileRef> {
    const safeName =
      path
        .basename(name)
        .replace(/[^\w.\- ()]/g, '_')
        .slice(0, 120) || 'upload';
    const fileId = randomUUID();
    const target = this.#temp.file('upload', safeName);
    let received = 0;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes)
        body.destroy(new ServiceError('bad-request', `${safeName} is larger than ${maxBytes} bytes.`));
    });
    try {
      await pipeline(body, createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      await this.#temp.remove(target);
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('failed', `Upload of ${safeName} did not complete: ${(error as Error).message}`);
    }
    const ref: FileRef = { fileId, name: safeName, size: received };
    this.#entries.set(fileId, { ...ref, path: target });
    this.#uploads.push(fileId);
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
    const unused = this.#uploads.filter((id) => !this.#holds.has(id));
    const excess = this.#uploads.length - MAX_KEPT_UPLOADS;
    for (const id of unused.slice(0, Math.max(0, excess))) await this.forget(id);
  }

  get(fileId: string): Entry {
    const entry = this.#entries.get(fileId);
    if (!entry) throw new ServiceError('not-found', 'That file is no longer open; open it again.');
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
