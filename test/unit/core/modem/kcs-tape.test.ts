import { describe, expect, it } from 'vitest';
import { encodeFrame, FORMAT_8N2 } from '../../../../src-main/core/machine/acia6850.ts';
import { decodeKcs, type KcsByteEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { concatSamples } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { KcsTapeRecorder } from '../../../../src-main/core/modem/kcs-tape.ts';

const CPU_HZ = 983_040;
const RATE = 22_050;

describe('KcsTapeRecorder as a live line', () => {
  it('keeps the line at mark as time passes, one frame behind, and puts each frame at its real time', () => {
    const parts: Float32Array[] = [];
    const recorder = new KcsTapeRecorder({
      sampleRate: RATE,
      cpuHz: CPU_HZ,
      leaderSeconds: 0.5,
      startCycle: 1000,
      onSamples: (s) => parts.push(s),
    });
    const length = (): number => parts.reduce((n, p) => n + p.length, 0);
    const leader = length();
    expect(leader).toBe(Math.ceil((150 * RATE) / 300));
    // A second later, the line has sounded that second less the margin of one frame and a cell.
    recorder.idleUntil(1000 + CPU_HZ);
    expect(length()).toBe(Math.ceil(((150 + 300 - 12) * RATE) / 300));
    // Nothing goes back in time.
    recorder.idleUntil(1000 + CPU_HZ / 2);
    expect(length()).toBe(Math.ceil(((150 + 300 - 12) * RATE) / 300));
    // A frame that ends 1.5 s in starts 11 cells before that, after the leader.
    const end = 1000 + 1.5 * CPU_HZ;
    recorder.frame(encodeFrame(0x41, FORMAT_8N2), 0x41, end);
    recorder.finish(0.2);
    const bytes = decodeKcs(concatSamples(parts), { sampleRate: RATE }).filter(
      (e): e is KcsByteEvent => e.type === 'byte',
    );
    expect(bytes.map((b) => b.value)).toEqual([0x41]);
    const expectedStart = ((150 + 450 - 11) * RATE) / 300;
    expect(Math.abs(bytes[0]!.start - expectedStart)).toBeLessThan(RATE / 300 / 2);
  });
});
