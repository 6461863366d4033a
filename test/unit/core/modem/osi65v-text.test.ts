import { describe, expect, it } from 'vitest';
import { osi65vBytes, osi65vText } from '../../../../src-main/core/modem/osi65v-text.ts';

describe('osi65vText', () => {
  it('writes the load address, then each byte in hex followed by CR', () => {
    expect(osi65vText(Uint8Array.of(0xa9, 0x41, 0x00), 0x0200)).toBe('.0200/A9\r41\r00\r');
  });

  it('appends .ADDRG for auto-run, at the load address or a given one', () => {
    expect(osi65vText(Uint8Array.of(0xea), 0x0300, { autoRun: true })).toBe('.0300/EA\r.0300G');
    expect(osi65vText(Uint8Array.of(0xea), 0x0300, { autoRun: true, runAddress: 0x0301 })).toBe(
      '.0300/EA\r.0301G',
    );
  });

  it('gives ASCII bytes ready for the encoder', () => {
    expect(Array.from(osi65vBytes(Uint8Array.of(0x12), 0x1000))).toEqual(
      Array.from('.1000/12\r', (c) => c.charCodeAt(0)),
    );
  });

  it('rejects addresses outside 16 bits and programs running past $FFFF', () => {
    expect(() => osi65vText(new Uint8Array(1), 0x10000)).toThrow(/load address/);
    expect(() => osi65vText(new Uint8Array(2), 0xffff)).toThrow(/run past \$FFFF/);
    expect(() => osi65vText(new Uint8Array(1), 0, { autoRun: true, runAddress: -1 })).toThrow(/run address/);
  });
});
