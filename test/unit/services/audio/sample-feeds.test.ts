import { describe, expect, it } from 'vitest';
import { bytesOf, decodeKcs } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { concatSamples } from '../../../../src-main/core/modem/kcs-encoder.ts';
import {
  EncodedBytesFeed,
  LiveKcsFeed,
  type SampleFeed,
} from '../../../../src-main/services/audio/sample-feeds.ts';

async function drain(feed: SampleFeed, block: number, limit = Infinity): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  let total = 0;
  for (;;) {
    const part = await feed.read(block);
    if (part === null || total >= limit) break;
    parts.push(part);
    total += part.length;
  }
  return concatSamples(parts);
}

describe('sample feeds', () => {
  it('encodes bytes on the fly, in blocks of any size, to exactly the announced length, decoding back', async () => {
    const data = Uint8Array.from({ length: 70 }, (_, i) => (i * 37) & 0xff);
    const feed = new EncodedBytesFeed(data, 22050, 0.5, 0.25);
    const samples = await drain(feed, 1000);
    expect(samples.length).toBe(feed.totalFrames);
    expect(bytesOf(decodeKcs(samples, { sampleRate: 22050 }))).toEqual(data);
  });

  it('the soft-modem line idles at mark and carries each byte sent while it plays', async () => {
    const feed = new LiveKcsFeed(22050);
    const first = await drain(feed, 1024, 22050 * 0.3);
    feed.send([0x48, 0x49, 0x0d]);
    expect(feed.queued).toBe(3);
    const rest = await drain(feed, 1024, 22050 * 0.5);
    expect(feed.sent).toBe(3);
    const events = decodeKcs(concatSamples([first, rest]), { sampleRate: 22050 });
    expect(bytesOf(events)).toEqual(Uint8Array.of(0x48, 0x49, 0x0d));
    await feed.close();
    expect(await feed.read(1024)).toBeNull();
  });
});
