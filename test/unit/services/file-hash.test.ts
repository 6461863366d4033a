import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha1File } from '../../../src-main/services/file-hash.ts';

describe('sha1File', () => {
  let dir = '';
  let file = '';
  let expected = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sbl-hash-'));
    file = path.join(dir, 'tape.wav');
    // 3 MB of varied bytes, more than the child's 1 MB reads, so the digest covers several chunks.
    const data = new Uint8Array(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 11)) & 0xff;
    await writeFile(file, data);
    expected = createHash('sha1').update(data).digest('hex');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('hashes a small file in-process as node:crypto does', async () => {
    expect(await sha1File(file)).toBe(expected);
  });

  it('hashes a big file in a child process as node:crypto does', async () => {
    expect(await sha1File(file, { childFrom: 1 })).toBe(expected);
  });

  it('hashes an empty file in a child process', async () => {
    const empty = path.join(dir, 'empty.wav');
    await writeFile(empty, new Uint8Array(0));
    expect(await sha1File(empty, { childFrom: 0 })).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });

  it('says clearly that a missing file is gone, either way', async () => {
    const missing = path.join(dir, 'gone.wav');
    for (const childFrom of [0, Infinity])
      await expect(sha1File(missing, { childFrom })).rejects.toThrow(
        'Cannot take the SHA-1 of gone.wav: the file is gone',
      );
  });

  it('says so when the child cannot read the file', async () => {
    // A folder passes the size check but cannot be read as a file.
    await expect(sha1File(dir, { childFrom: 0 })).rejects.toThrow(
      /^Cannot take the SHA-1 of sbl-hash-\w+: .+/,
    );
  });
});
