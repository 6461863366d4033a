// The library folder's files: originals stored under media/ by their SHA-256, copied crash-safely through
// tmp/ (write, fsync, rename, fsync the folder), and the walks the start-up check makes.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** An unfinished copy in tmp/: only files named so are ever swept. */
export const PARTIAL_COPY = /^import-[0-9a-f-]+\.part$/;

export interface StoredMedia {
  sha256: string;
  /** Relative to the library folder, with forward slashes. */
  path: string;
  size: number;
}

export async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some systems cannot fsync a folder; the rename is still atomic.
  }
}

/** Files under `dir`, recursively, sorted, as absolute paths. */
export async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * Copies a file (or bytes) into `folder`/media/ under its SHA-256: through a temporary file in `folder`/tmp/,
 * fsynced, then renamed into place. A file of that hash and size already there is kept and the copy dropped.
 */
export async function storeMedia(
  folder: string,
  source: string | Uint8Array,
  extension: string,
): Promise<StoredMedia> {
  const temp = path.join(folder, 'tmp', `import-${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(temp, 'wx');
  try {
    if (typeof source === 'string') {
      for await (const chunk of createReadStream(source)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        await out.write(chunk as Buffer);
      }
    } else {
      hash.update(source);
      size = source.length;
      await out.write(source);
    }
    await out.sync();
  } catch (error) {
    await out.close();
    await rm(temp, { force: true });
    throw error;
  }
  await out.close();
  const sha256 = hash.digest('hex');
  const ext = /^\.[a-z0-9]{1,5}$/.test(extension) ? extension : '.bin';
  const relative = `media/${sha256.slice(0, 2)}/${sha256}${ext}`;
  const target = path.join(folder, relative);
  await mkdir(path.dirname(target), { recursive: true });
  const there = await stat(target).catch(() => null);
  if (there?.size === size) await rm(temp, { force: true });
  else {
    await rename(temp, target);
    await syncDir(path.dirname(target));
  }
  return { sha256, path: relative, size };
}
