import { describe, expect, it } from 'vitest';
import { SignalGate } from '../../../../src-main/core/audio/signal-gate.ts';

const block = (value: number, length = 100): Float32Array => new Float32Array(length).fill(value);

describe('SignalGate (arm-on-signal)', () => {
  it('keeps nothing until the carrier, then the pre-roll and everything after', () => {
    const gate = new SignalGate({ sampleRate: 1000, silenceSeconds: 0.3, preRollSeconds: 0.2 });
    for (let i = 1; i <= 5; i++) expect(gate.push(block(i), false)).toEqual([]);
    expect(gate.state).toBe('armed');
    const kept = gate.push(block(6), true);
    expect(gate.state).toBe('recording');
    // 0.2 s of pre-roll (blocks 4 and 5) and the block with the carrier.
    expect(kept.map((b) => b[0])).toEqual([4, 5, 6]);
    expect(gate.push(block(7), false).map((b) => b[0])).toEqual([7]);
  });

  it('stops after the set time without carrier; carrier in between starts the count again', () => {
    const gate = new SignalGate({ sampleRate: 1000, silenceSeconds: 0.3 });
    gate.push(block(1), true);
    gate.push(block(0), false);
    gate.push(block(0), false);
    gate.push(block(1), true);
    gate.push(block(0), false);
    gate.push(block(0), false);
    expect(gate.state).toBe('recording');
    expect(gate.push(block(0), false)).toHaveLength(1);
    expect(gate.state).toBe('done');
    expect(gate.push(block(1), true)).toEqual([]);
  });
});
