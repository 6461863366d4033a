// Ogg pages (RFC 3533) read without decoding: each page is checked against its CRC-32, and where the page
// structure is broken (a damaged capture pattern, segment table or length) the reader skips to the next
// page that passes its checksum, so a decoder fed only these pages resumes after the damage. The granule
// positions of the pages on either side of a skip tell how much audio was lost.

const CRC32 = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i << 24;
  for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
  CRC32[i] = c >>> 0;
}

/** Ogg's CRC-32 (polynomial 0x04C11DB7, not reflected, initial value 0) of a page with its CRC field zeroed. */
export function oggPageChecksum(page: Uint8Array): number {
  let crc = 0;
  for (let i = 0; i < page.length; i++) {
    const byte = i >= 22 && i < 26 ? 0 : (page[i] ?? 0);
    crc = ((crc << 8) ^ (CRC32[((crc >>> 24) ^ byte) & 0xff] ?? 0)) >>> 0;
  }
  return crc;
}

export interface OggPage {
  /** File offset of the page's capture pattern. */
  readonly offset: number;
  /** The whole page (header, segment table and body), a copy. */
  readonly bytes: Uint8Array;
  /** Granule position (for Vorbis and FLAC: the sample after the last packet ending here), null when none ends here. */
  readonly granule: number | null;
  readonly sequence: number;
  /** The stream's last page (its end-of-stream flag is set). */
  readonly last: boolean;
  /** False when the page's structure is intact but its checksum fails: its body is damaged. */
  readonly checksumOk: boolean;
}

export type OggPageEvent =
  | { readonly type: 'page'; readonly page: OggPage }
  /** Bytes [byte, resumedAt) were not an intact page; resumedAt null: the file ended first. */
  | { readonly type: 'skip'; readonly byte: number; readonly resumedAt: number | null };

const HEADER = 27;

function isCapture(bytes: Uint8Array, i: number): boolean {
  return bytes[i] === 0x4f && bytes[i + 1] === 0x67 && bytes[i + 2] === 0x67 && bytes[i + 3] === 0x53;
}

/**
 * Splits an Ogg stream, pushed in chunks of any size, into pages. A page whose checksum fails is still
 * passed on (marked) when the next page starts right after it, since its damage is then in the body alone;
 * otherwise the bytes up to the next page that passes its checksum are skipped and reported.
 */
export class OggPageReader {
  #buffer = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;
  /** File offset of #buffer[0]. */
  #base = 0;
  /** File offset where the bytes being skipped start, or null when in step with the pages. */
  #skipFrom: number | null = null;

  push(chunk: Uint8Array): OggPageEvent[] {
    this.#append(chunk);
    return this.#parse(false);
  }

  /** The end of the stream: a page cut short (or garbage) at the end is reported as a skip. */
  finish(): OggPageEvent[] {
    const events = this.#parse(true);
    if (this.#end > this.#start || this.#skipFrom !== null) {
      events.push({ type: 'skip', byte: this.#skipFrom ?? this.#base + this.#start, resumedAt: null });
    }
    this.#start = this.#end;
    this.#skipFrom = null;
    return events;
  }

  #append(chunk: Uint8Array): void {
    const kept = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buffer.length) {
      const size = Math.max(this.#buffer.length, kept + chunk.length);
      const next = size > this.#buffer.length ? new Uint8Array(size) : this.#buffer;
      next.set(this.#buffer.subarray(this.#start, this.#end), 0);
      this.#buffer = next;
      this.#base += this.#start;
      this.#end = kept;
      this.#start = 0;
    }
    this.#buffer.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /** The length of the page at buffer index i, or null when its header is not all there yet. */
  #pageLength(i: number): number | null {
    const b = this.#buffer;
    if (this.#end - i < HEADER) return null;
    const segments = b[i + 26] ?? 0;
    if (this.#end - i < HEADER + segments) return null;
    let length = HEADER + segments;
    for (let s = 0; s < segments; s++) length += b[i + HEADER + s] ?? 0;
    return length;
  }

  #page(i: number, length: number, checksumOk: boolean): OggPageEvent {
    const b = this.#buffer;
    const view = new DataView(b.buffer, b.byteOffset + i, HEADER);
    const low = view.getUint32(6, true);
    const high = view.getUint32(10, true);
    const granule = low === 0xffffffff && high === 0xffffffff ? null : high * 2 ** 32 + low;
    return {
      type: 'page',
      page: {
        offset: this.#base + i,
        bytes: b.slice(i, i + length),
        granule,
        sequence: view.getUint32(18, true),
        last: (view.getUint8(5) & 4) !== 0,
        checksumOk,
      },
    };
  }

  #checksumOk(i: number, length: number): boolean {
    const b = this.#buffer;
    const stored = new DataView(b.buffer, b.byteOffset + i + 22, 4).getUint32(0, true);
    return oggPageChecksum(b.subarray(i, i + length)) === stored;
  }

  #parse(final: boolean): OggPageEvent[] {
    const events: OggPageEvent[] = [];
    const b = this.#buffer;
    for (;;) {
      const i = this.#start;
      if (this.#skipFrom === null) {
        // In step: a page must start here.
        if (this.#end - i < HEADER && !final) break;
        if (this.#end === i) break;
        if (isCapture(b, i) && (b[i + 4] ?? 0) === 0) {
          const length = this.#pageLength(i);
          if (length === null && !final) break;
          if (length !== null && i + length <= this.#end) {
            if (this.#checksumOk(i, length)) {
              events.push(this.#page(i, length, true));
              this.#start = i + length;
              continue;
            }
            // A bad checksum with the next page right after it: the damage is in this page's body.
            const after = i + length;
            if (this.#end - after < 4 && !final) break;
            if (after === this.#end || isCapture(b, after)) {
              events.push(this.#page(i, length, false));
              this.#start = after;
              continue;
            }
          } else if (!final) break;
        }
        this.#skipFrom = this.#base + i;
        this.#start = i + 1;
        continue;
      }
      // Skipping: the next capture pattern whose page passes its checksum.
      let found = -1;
      let waiting = false;
      for (let j = i; j + 4 <= this.#end; j++) {
        if (!isCapture(b, j)) continue;
        const length = this.#pageLength(j);
        if (length === null || j + length > this.#end) {
          if (final) continue;
          this.#start = j;
          waiting = true;
          break;
        }
        if ((b[j + 4] ?? 0) === 0 && this.#checksumOk(j, length)) {
          found = j;
          break;
        }
      }
      if (waiting) break;
      if (found < 0) {
        // Keep the last 3 bytes: a capture pattern may straddle the next chunk.
        this.#start = Math.max(this.#start, this.#end - 3);
        break;
      }
      events.push({ type: 'skip', byte: this.#skipFrom, resumedAt: this.#base + found });
      this.#skipFrom = null;
      this.#start = found;
    }
    return events;
  }
}
