import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  oggPageChecksum,
  OggPageReader,
  type OggPageEvent,
} from '../../../../src-main/core/formats/ogg-pages.ts';

const ogg = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'fixtures', 'audio', 'kcs-tape-16k.ogg'),
);

/** Page offsets walked from the lengths in each header (the fixture is intact). */
function pageOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let at = 0; at < bytes.length;) {
    offsets.push(at);
    const segments = bytes[at + 26]!;
    let length = 27 + segments;
    for (let s = 0; s < segments; s++) length += bytes[at + 27 + s]!;
    at += length;
  }
  return offsets;
}

function read(bytes: Uint8Array, chunk: number): OggPageEvent[] {
  const reader = new OggPageReader();
  const events: OggPageEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) events.push(...reader.push(bytes.subarray(i, i + chunk)));
  events.push(...reader.finish());
  return events;
}

const summary = (events: OggPageEvent[]): string[] =>
  events.map((e) =>
    e.type === 'page'
      ? `page ${e.page.offset} ${e.page.checksumOk ? 'ok' : 'bad'}`
      : `skip ${e.byte}-${e.resumedAt}`,
  );

describe('OggPageReader', () => {
  const offsets = pageOffsets(ogg);

  it('computes the checksum every page of a real file stores', () => {
    for (const at of offsets) {
      const view = new DataView(ogg.buffer, ogg.byteOffset + at);
      const next = offsets[offsets.indexOf(at) + 1] ?? ogg.length;
      expect(oggPageChecksum(ogg.subarray(at, next))).toBe(view.getUint32(22, true));
    }
  });

  it('finds every page of an intact file, whatever the chunk size, with its granule position', () => {
    for (const chunk of [1, 7, 1000, 1 << 20]) {
      const events = read(ogg, chunk);
      expect(summary(events), `chunk ${chunk}`).toEqual(offsets.map((at) => `page ${at} ok`));
    }
    const pages = read(ogg, 4096).flatMap((e) => (e.type === 'page' ? [e.page] : []));
    expect(pages.map((p) => p.sequence)).toEqual(offsets.map((_, i) => i));
    // Header pages end no audio packet in this stream at 0; the last page's granule is the length.
    expect(pages[0]!.granule).toBe(0);
    expect(pages.at(-1)!.granule).toBe(80320);
    expect(Buffer.from(pages[3]!.bytes).equals(ogg.subarray(offsets[3], offsets[4]))).toBe(true);
  });

  it('passes on a page whose body is damaged, marked, since the next page follows it', () => {
    const damaged = Uint8Array.from(ogg);
    damaged[offsets[3]! + 500]! ^= 0xff;
    damaged[offsets[3]! + 501]! ^= 0xff;
    expect(summary(read(damaged, 1000))).toEqual(
      offsets.map((at, i) => `page ${at} ${i === 3 ? 'bad' : 'ok'}`),
    );
  });

  for (const [what, field] of [
    ['capture pattern', 0],
    ['segment count', 26],
    ['first lacing value', 27],
  ] as const) {
    it(`skips a page whose ${what} is damaged and resumes at the next page`, () => {
      const damaged = Uint8Array.from(ogg);
      damaged[offsets[3]! + field]! ^= 0x5a;
      for (const chunk of [1, 333, 1 << 20]) {
        expect(summary(read(damaged, chunk)), `chunk ${chunk}`).toEqual([
          ...offsets.slice(0, 3).map((at) => `page ${at} ok`),
          `skip ${offsets[3]}-${offsets[4]}`,
          ...offsets.slice(4).map((at) => `page ${at} ok`),
        ]);
      }
    });
  }

  it('reports a file cut inside a page, and garbage after the last page', () => {
    const cut = ogg.subarray(0, offsets[5]! + 100);
    expect(summary(read(cut, 512)).slice(-2)).toEqual([`page ${offsets[4]} ok`, `skip ${offsets[5]}-null`]);
    const tail = Buffer.concat([ogg, Buffer.alloc(40, 0x33)]);
    expect(summary(read(tail, 512)).slice(-2)).toEqual([
      `page ${offsets.at(-1)} ok`,
      `skip ${ogg.length}-null`,
    ]);
  });
});
