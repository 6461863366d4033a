import { describe, expect, it } from 'vitest';
import {
  MACHINE_STATE_FORMAT,
  MachineStateError,
  base64ToBytes,
  bytesToBase64,
  decodeMachineState,
  encodeMachineState,
} from '../../../../src-main/core/machine/machine-state.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base64', () => {
  it('matches the RFC 4648 test vectors both ways', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(bytesToBase64(ascii(plain))).toBe(encoded);
      expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(ascii(plain)));
    }
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(base64ToBytes(bytesToBase64(all)))).toEqual(Array.from(all));
  });

  it('rejects bad lengths and characters, saying where', () => {
    expect(() => base64ToBytes('abc')).toThrow(/length 3/);
    expect(() => base64ToBytes('ab*d')).toThrow(/offset 2/);
    expect(() => base64ToBytes('a=bc')).toThrow(/offset 1/);
  });
});

describe('machine state text', () => {
  it('encodes byte arrays as base64 objects and restores them', () => {
    const text = encodeMachineState({
      format: MACHINE_STATE_FORMAT,
      version: 1,
      ram: Uint8Array.of(1, 2, 3),
    });
    expect(text).toContain('"$base64": "AQID"');
    const decoded = decodeMachineState(text);
    expect(decoded.ram).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded.ram as Uint8Array)).toEqual([1, 2, 3]);
  });

  it('refuses text that is not a machine state, or another version', () => {
    expect(() => decodeMachineState('')).toThrow(MachineStateError);
    expect(() => decodeMachineState('[1,2]')).toThrow(/expected a JSON object/);
    expect(() => decodeMachineState('{"format":"x","version":1}')).toThrow(/format is "x"/);
    expect(() => decodeMachineState(`{"format":"${MACHINE_STATE_FORMAT}","version":2}`)).toThrow(
      /version 2 is not supported/,
    );
    expect(() =>
      decodeMachineState(`{"format":"${MACHINE_STATE_FORMAT}","version":1,"ram":{"$base64":"!!!!"}}`),
    ).toThrow(/bad character at offset 0/);
  });
});
