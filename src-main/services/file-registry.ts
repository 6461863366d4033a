import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FileRef } from '../ipc/contract.ts';
import { ServiceError } from '../ipc/dispatch.ts';

interface Entry extends FileRef {
  path: string;
}

/**
 * The files the user has handed to the app, by opaque id. The renderer never names paths: Electron's dialog
 * or the browser host's upload registers a file here and the renderer refers to it by id.
 */
export class FileRegistry {
  readonly #entries = new Map<string, Entry>();
  readonly uploadDir: string;

  constructor(userDataDir: string) {
    this.uploadDir = path.join(userDataDir, 'uploads');
  }

  async register(filePath: string, name = path.basename(filePath)): Promise<FileRef> {
    const info = await stat(filePath).catch((error: Error) => {
      throw new ServiceError('not-found', `Cannot open ${name}: ${error.message}`);
    });
    if (!info.isFile()) throw new ServiceError('bad-request', `${name} is not a file.`);
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
    await mkdir(this.uploadDir, { recursive: true });
    const fileId = randomUUID();
    const target = path.join(this.uploadDir, `${fileId}-${safeName}`);
    let received = 0;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes)
        body.destroy(new ServiceError('bad-request', `${safeName} is larger than ${maxBytes} bytes.`));
    });
    try {
      await pipeline(body, createWriteStream(target, { flags: 'wx' }));
    } catch (error) {
      await rm(target, { force: true });
      if (error instanceof ServiceError) throw error;
      throw new ServiceError('failed', `Upload of ${safeName} did not complete: ${(error as Error).message}`);
    }
    const ref: FileRef = { fileId, name: safeName, size: received };
    this.#entries.set(fileId, { ...ref, path: target });
    return ref;
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
