import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKcs } from '../../../src-main/core/modem/kcs-encoder.ts';
import { TAPE_EXPORT_PATH } from '../../../src-main/ipc/contract.ts';
import type { AppServices } from '../../../src-main/services/app-services.ts';
import { startWebHost, type WebHost } from '../../../src-main/web/web-host.ts';
import { testBytes } from '../../support/byte-errors.ts';
import { makeServices } from '../../support/services.ts';
import { wavBytes } from '../../support/wav-writer.ts';

describe('browser host: tape exports', () => {
  let host: WebHost;
  let services: AppServices;
  let remove: () => Promise<void>;
  let tapeFileId: string;
  let exportId: string;
  const data = testBytes(16, 5);

  beforeAll(async () => {
    const made = await makeServices();
    services = made.services;
    host = await startWebHost({ services, staticDir: made.userDataDir });
    remove = async () => {
      await host.close();
      await services.stop();
      await made.remove();
    };
    const file = path.join(made.userDataDir, 'short tape.wav');
    await writeFile(
      file,
      wavBytes(encodeKcs(data, { sampleRate: 22050, leaderSeconds: 1, trailerSeconds: 1 }), 22050),
    );
    tapeFileId = (await services.files.register(file)).fileId;
    const done = new Promise<void>((resolve) =>
      services.events.subscribe((name) => {
        if (name === 'tape.analyzed') resolve();
      }),
    );
    const handlers = services.handlers();
    const { tapeId } = await handlers['tape.open']({ fileId: tapeFileId }, { host: 'browser' });
    await done;
    const result = await handlers['tape.export']({ tapeId, kind: 'bytes' }, { host: 'browser' });
    exportId = result.download?.fileId ?? '';
  });
  afterAll(() => remove());

  it('serves an export as an attachment with the token', async () => {
    const response = await fetch(`${host.origin}${TAPE_EXPORT_PATH}${exportId}?token=${host.token}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="short tape.bin"');
    expect(response.headers.get('content-security-policy')).toBeTruthy();
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(data);
  });

  it('refuses without the token and for files that are not exports', async () => {
    expect((await fetch(`${host.origin}${TAPE_EXPORT_PATH}${exportId}`)).status).toBe(401);
    expect((await fetch(`${host.origin}${TAPE_EXPORT_PATH}${tapeFileId}?token=${host.token}`)).status).toBe(
      404,
    );
    expect(
      (await fetch(`${host.origin}${TAPE_EXPORT_PATH}..%2F..%2Fsettings.json?token=${host.token}`)).status,
    ).toBe(404);
  });
});
