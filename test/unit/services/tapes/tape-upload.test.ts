// A tape opened while its upload arrives (the browser host's open): decoded as the bytes come, failed
// clearly when they stop coming.
import { readdir } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import type { EventName } from '../../../../src-main/ipc/contract.ts';
import type { CallContext } from '../../../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../../../src-main/services/app-services.ts';
import { testBytes } from '../../../support/byte-errors.ts';
import { makeServices } from '../../../support/services.ts';
import { wavBytes } from '../../../support/wav-writer.ts';

const RATE = 44100;
const browser: CallContext = { host: 'browser' };
// About 2.4 MB: more than one of the reader's 1 MiB chunks arrives before the rest.
const DATA = testBytes(600, 7);
const TAPE = wavBytes(encodeKcs(DATA, { sampleRate: RATE, leaderSeconds: 5, trailerSeconds: 1 }), RATE);
const FIRST = 1_600_000;

let services: AppServices;
let remove: () => Promise<void>;
let events: { name: EventName; payload: { tapeId?: string; [key: string]: unknown } }[];

beforeEach(async () => {
  ({ services, remove } = await makeServices());
  events = [];
  services.events.subscribe((name, payload) => events.push({ name, payload: payload as never }));
});
afterEach(async () => {
  await services.stop();
  await remove();
});

const eventOf = (name: EventName, tapeId: string) =>
  events.find((e) => e.name === name && e.payload.tapeId === tapeId);

describe('a tape opened while its upload arrives', () => {
  it('is decoded from the bytes that have arrived, and finished when the rest is in', async () => {
    const ref = services.files.reserveUpload('live.wav', TAPE.length, 1 << 30);
    expect(() => services.files.get(ref.fileId)).toThrow(/live\.wav is still being uploaded/);
    const body = new PassThrough();
    services.files.claimUpload(ref.fileId, TAPE.length);
    const stored = services.files.storeUpload('live.wav', body, TAPE.length, ref.fileId);
    // The tape is opened before any byte has arrived.
    const handlers = services.handlers();
    const opening = handlers['tape.open']({ fileId: ref.fileId }, browser);
    body.write(TAPE.subarray(0, FIRST));

    const info = await opening;
    expect(info.format.frames).toBe((TAPE.length - 44) / 2);
    // Decoding runs on the first part while the rest has not come.
    await vi.waitFor(() => expect(eventOf('tape.progress', info.tapeId)).toBeDefined(), { timeout: 20_000 });
    const progress = eventOf('tape.progress', info.tapeId)!.payload as { fraction: number };
    expect(progress.fraction).toBeGreaterThan(0);
    expect(progress.fraction).toBeLessThan(1);
    expect((await handlers['tape.info']({ tapeId: info.tapeId }, browser)).state).toBe('analysing');
    expect(eventOf('tape.analyzed', info.tapeId)).toBeUndefined();

    body.end(TAPE.subarray(FIRST));
    expect((await stored).size).toBe(TAPE.length);
    await vi.waitFor(() => expect(eventOf('tape.analyzed', info.tapeId)).toBeDefined(), { timeout: 20_000 });
    const content = await handlers['tape.content']({ tapeId: info.tapeId }, browser);
    expect(Buffer.from(content.bytesBase64, 'base64')).toEqual(Buffer.from(DATA));
    expect(services.files.get(ref.fileId).size).toBe(TAPE.length);
  });

  it('fails with the reason when the upload breaks off, and keeps none of it', async () => {
    const ref = services.files.reserveUpload('broken.wav', TAPE.length, 1 << 30);
    const body = new PassThrough();
    services.files.claimUpload(ref.fileId, TAPE.length);
    const stored = services.files.storeUpload('broken.wav', body, TAPE.length, ref.fileId);
    stored.catch(() => {});
    const handlers = services.handlers();
    body.write(TAPE.subarray(0, FIRST));
    const info = await handlers['tape.open']({ fileId: ref.fileId }, browser);
    body.destroy(new Error('connection reset'));
    await expect(stored).rejects.toThrow(/Upload of broken\.wav did not complete/);
    await vi.waitFor(() => expect(eventOf('tape.failed', info.tapeId)).toBeDefined(), { timeout: 20_000 });
    expect(eventOf('tape.failed', info.tapeId)!.payload.message).toMatch(
      /^broken\.wav: the upload stopped before the whole file arrived/,
    );
    expect(() => services.files.get(ref.fileId)).toThrow(/no longer open/);
    expect((await readdir(services.temp.dir)).filter((name) => name.startsWith('upload-'))).toEqual([]);
  });

  it('fails an open waiting for an upload that is given up before it starts', async () => {
    const ref = services.files.reserveUpload('never.wav', TAPE.length, 1 << 30);
    const opening = services.handlers()['tape.open']({ fileId: ref.fileId }, browser);
    services.files.abandonUpload(ref.fileId);
    await expect(opening).rejects.toThrow(/^never\.wav: the upload stopped before the whole file arrived/);
    expect(() => services.files.claimUpload(ref.fileId, TAPE.length)).toThrow(/not reserved or has expired/);
  });

  it('refuses to reserve more than the host takes', () => {
    expect(() => services.files.reserveUpload('huge.wav', 2048, 1024)).toThrow(
      /huge\.wav is larger than 1024/,
    );
  });
});
