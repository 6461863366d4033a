import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  TAPE_MAX_COLUMNS,
  TapePeaksSchema,
  requests,
  validateEvent,
} from '../../../src-main/ipc/contract.ts';
import { dispatch, type Handlers } from '../../../src-main/ipc/dispatch.ts';

const tapeId = 'tape-0f6c2a9e-1d2b-4c6e-9a51-3c1d2e4f5a6b';
const ok = (method: keyof typeof requests, payload: unknown): boolean =>
  v.safeParse(requests[method].input, payload).success;

describe('IPC contract: tapes', () => {
  it('takes a file id and an optional channel to open a tape', () => {
    expect(ok('tape.open', { fileId: 'abcdef12-3456' })).toBe(true);
    expect(ok('tape.open', { fileId: 'abcdef12-3456', channel: 1 })).toBe(true);
    expect(ok('tape.open', { fileId: 'abcdef12-3456', channel: -1 })).toBe(false);
    expect(ok('tape.open', { fileId: 'abcdef12-3456', channel: 1.5 })).toBe(false);
    expect(ok('tape.open', { fileId: '../etc/passwd' })).toBe(false);
    expect(ok('tape.open', { path: '/tmp/x.wav' })).toBe(false);
  });

  it('only accepts tape ids of the shape the service hands out', () => {
    expect(ok('tape.info', { tapeId })).toBe(true);
    expect(ok('tape.info', { tapeId: 'file-1234' })).toBe(false);
    expect(ok('tape.info', { tapeId: 'tape-../../x' })).toBe(false);
  });

  it('bounds peak and annotation queries', () => {
    expect(ok('tape.peaks', { tapeId, start: 0, end: 48000, columns: 800 })).toBe(true);
    expect(ok('tape.peaks', { tapeId, start: 0, end: 48000, columns: TAPE_MAX_COLUMNS + 1 })).toBe(false);
    expect(ok('tape.peaks', { tapeId, start: -5, end: 10, columns: 10 })).toBe(false);
    expect(ok('tape.peaks', { tapeId, start: 0.5, end: 10, columns: 10 })).toBe(false);
    expect(ok('tape.annotations', { tapeId, start: 0, end: 10 })).toBe(true);
    expect(ok('tape.annotations', { tapeId, start: 0, end: 10, maxBits: 1e9 })).toBe(false);
  });

  it('locates by byte index or by sample, not both or neither', () => {
    expect(ok('tape.locate', { tapeId, byte: 3 })).toBe(true);
    expect(ok('tape.locate', { tapeId, sample: 3000 })).toBe(true);
    expect(ok('tape.locate', { tapeId })).toBe(false);
    expect(ok('tape.locate', { tapeId, byte: 3, sample: 3000 })).toBe(false);
  });

  it('knows the export kinds and error directions', () => {
    for (const kind of ['bytes', 'text', 'wav', 'labels'])
      expect(ok('tape.export', { tapeId, kind })).toBe(true);
    expect(ok('tape.export', { tapeId, kind: 'mp3' })).toBe(false);
    expect(ok('tape.findError', { tapeId, from: 0, direction: 'next' })).toBe(true);
    expect(ok('tape.findError', { tapeId, from: 0, direction: 'sideways' })).toBe(false);
  });

  it('describes peaks as min/max columns or raw samples', () => {
    expect(
      v.safeParse(TapePeaksSchema, { kind: 'peaks', start: 0, end: 9, min: [-1], max: [1] }).success,
    ).toBe(true);
    expect(v.safeParse(TapePeaksSchema, { kind: 'raw', start: 0, samples: [0.5] }).success).toBe(true);
    expect(v.safeParse(TapePeaksSchema, { kind: 'raw', start: 0, min: [0] }).success).toBe(false);
  });

  it('validates the tape events', () => {
    expect(validateEvent('tape.failed', { tapeId, message: 'gone' }).ok).toBe(true);
    expect(validateEvent('tape.progress', { tapeId, fraction: 2, summary: {} }).ok).toBe(false);
  });

  it('answers a bad tape request with a clear error naming the field', async () => {
    const result = await dispatch(
      {} as Handlers,
      'tape.peaks',
      { tapeId, start: 0, end: 10, columns: 0 },
      {
        host: 'browser',
      },
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('columns') },
    });
  });
});
