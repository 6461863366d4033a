// Wraps a native FLAC file in Ogg (the Ogg FLAC mapping: a first packet of 0x7F "FLAC", version 1.0, the
// count of header packets, "fLaC" and STREAMINFO; then one packet per other metadata block; then one per
// frame), so the Ogg damage tests can use the FLAC fixture. Frames are found by their headers, which holds
// for our small fixture (its frames are numbered 0, 1, 2... and the tests check that).
import { flacFrameHeaderAt } from '../../src-main/core/formats/compressed-frames.ts';
import { oggPageChecksum } from '../../src-main/core/formats/ogg-pages.ts';

function page(packets: Uint8Array[], flags: number, granule: number, sequence: number): Uint8Array {
  const lacing: number[] = [];
  for (const packet of packets) {
    let left = packet.length;
    while (left >= 255) {
      lacing.push(255);
      left -= 255;
    }
    lacing.push(left);
  }
  if (lacing.length > 255) throw new Error('too many segments for one page');
  const body = packets.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(27 + lacing.length + body);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53, 0, flags]);
  view.setUint32(6, granule % 2 ** 32, true);
  view.setUint32(10, Math.floor(granule / 2 ** 32), true);
  view.setUint32(14, 0x5b1ab, true);
  view.setUint32(18, sequence, true);
  bytes[26] = lacing.length;
  bytes.set(lacing, 27);
  let at = 27 + lacing.length;
  for (const packet of packets) {
    bytes.set(packet, at);
    at += packet.length;
  }
  view.setUint32(22, oggPageChecksum(bytes), true);
  return bytes;
}

/** Ogg FLAC holding the same metadata and frames as `flac`, `framesPerPage` frames to a page. */
export function oggFlacFromFlac(flac: Uint8Array, framesPerPage = 4): Uint8Array {
  const blocks: Uint8Array[] = [];
  let at = 4;
  for (;;) {
    const length = ((flac[at + 1]! << 16) | (flac[at + 2]! << 8) | flac[at + 3]!) >>> 0;
    blocks.push(flac.subarray(at, at + 4 + length));
    const last = (flac[at]! & 0x80) !== 0;
    at += 4 + length;
    if (last) break;
  }
  const frames: Uint8Array[] = [];
  const starts: number[] = [];
  for (let i = at; i < flac.length - 16; i++) {
    if (flac[i] === 0xff && flacFrameHeaderAt(flac, i) !== null) starts.push(i);
  }
  starts.forEach((start, i) => frames.push(flac.subarray(start, starts[i + 1] ?? flac.length)));
  const info = new DataView(flac.buffer, flac.byteOffset + 8, 34);
  const total = ((info.getUint8(13) & 0x0f) * 2 ** 32 + info.getUint32(14)) as number;
  const blockSize = info.getUint16(0);
  const first = new Uint8Array(13 + blocks[0]!.length);
  first.set([0x7f, 0x46, 0x4c, 0x41, 0x43, 1, 0, 0, blocks.length - 1, 0x66, 0x4c, 0x61, 0x43]);
  first.set(blocks[0]!, 13);
  const pages = [page([first], 2, 0, 0)];
  if (blocks.length > 1) pages.push(page(blocks.slice(1), 0, 0, 1));
  for (let f = 0; f < frames.length; f += framesPerPage) {
    const end = Math.min(frames.length, f + framesPerPage);
    const last = end === frames.length;
    pages.push(page(frames.slice(f, end), last ? 4 : 0, Math.min(total, end * blockSize), pages.length));
  }
  const out = new Uint8Array(pages.reduce((n, p) => n + p.length, 0));
  pages.reduce((offset, p) => (out.set(p, offset), offset + p.length), 0);
  return out;
}
