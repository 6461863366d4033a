import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffKind } from '../../../src-main/services/app-services.ts';
import { makeServices } from '../../support/services.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('AppServices', () => {
  it('describes a registered file with its kind and SHA-1', async () => {
    const { services, userDataDir, remove } = await makeServices();
    const file = path.join(userDataDir, 'tape.wav');
    await writeFile(file, bytes('RIFF\0\0\0\0WAVEfmt '));
    const ref = await services.files.register(file);
    const handlers = services.handlers();
    const description = await handlers['files.describe']({ fileId: ref.fileId }, { host: 'browser' });
    // SHA-1 of the 16 bytes above, computed independently with `sha1sum`.
    expect(description).toEqual({ ...ref, kind: 'wav', sha1: '9c1e9d580f207d518ae8bec8496d235e0ba39a97' });
    await remove();
  });

  it('describes an upload with the SHA-1 of the bytes that arrived', async () => {
    const { services, remove } = await makeServices();
    const ref = await services.files.storeUpload(
      'tape.wav',
      Readable.from([Buffer.from('RIFF\0\0\0\0'), Buffer.from('WAVEfmt ')]),
      1024,
    );
    const handlers = services.handlers();
    const description = await handlers['files.describe']({ fileId: ref.fileId }, { host: 'browser' });
    // The same 16 bytes as above, sent in two parts: the same SHA-1.
    expect(description).toEqual({ ...ref, kind: 'wav', sha1: '9c1e9d580f207d518ae8bec8496d235e0ba39a97' });
    await services.stop();
    await remove();
  });

  it('opens files through the host dialog in Electron', async () => {
    const { services, userDataDir, remove } = await makeServices({
      openDialog: async (purpose, multiple) =>
        purpose === 'rom' && !multiple ? [path.join(userDataDir, 'mon.rom')] : [],
    });
    await writeFile(path.join(userDataDir, 'mon.rom'), new Uint8Array(2048));
    const { files } = await services.handlers()['files.openDialog']({ purpose: 'rom' }, { host: 'electron' });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ name: 'mon.rom', size: 2048 });
    await remove();
  });

  it('says clearly that a file it does not know is gone', async () => {
    const { services, remove } = await makeServices();
    await expect(
      services.handlers()['files.describe']({ fileId: '00000000-dead' }, { host: 'browser' }),
    ).rejects.toThrow('That file is no longer open; open it again.');
    await remove();
  });

  it('recognises tape and ROM files by their bytes', () => {
    expect(sniffKind(bytes('fLaC\0\0\0\0'), 100)).toBe('flac');
    expect(sniffKind(bytes('OggS\0\0'), 100)).toBe('ogg');
    expect(sniffKind(bytes('ID3\x04'), 100)).toBe('mp3');
    expect(sniffKind(new Uint8Array([0xff, 0xfb, 0x90]), 100)).toBe('mp3');
    expect(sniffKind(new Uint8Array(12), 2048)).toBe('rom');
    expect(sniffKind(new Uint8Array(12), 8192)).toBe('rom');
    expect(sniffKind(bytes('{"format":"superboard-lab/machine-state"'), 5000)).toBe('state');
    expect(sniffKind(bytes('{\n  "format": "x"'), 5000)).toBe('state');
    expect(sniffKind(new Uint8Array(12), 1000)).toBe('unknown');
  });
});
