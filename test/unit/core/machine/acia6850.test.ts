import { describe, expect, it } from 'vitest';
import {
  Acia6850,
  FE,
  FORMAT_8N2,
  IRQ,
  OVRN,
  PE,
  RDRF,
  TDRE,
  CTS,
  WORD_FORMATS,
  decodeFrame,
  encodeFrame,
  type SerialFrame,
} from '../../../../src-main/core/machine/acia6850.ts';
import { Scheduler } from '../../../../src-main/core/machine/scheduler.ts';

interface Sent {
  readonly value: number;
  readonly frame: SerialFrame;
  readonly endCycle: number;
}

function rig() {
  const clock = { now: 0 };
  const scheduler = new Scheduler(() => clock.now);
  const acia = new Acia6850(scheduler);
  const sent: Sent[] = [];
  acia.line = { transmit: (frame, value, endCycle) => sent.push({ value, frame, endCycle }) };
  acia.powerOn();
  const advance = (to: number): void => {
    while (scheduler.nextEventCycle <= to) {
      clock.now = scheduler.nextEventCycle;
      scheduler.runDue(clock.now);
    }
    clock.now = to;
  };
  const monitorInit = (): void => {
    acia.write(0xf000, 0x03);
    acia.write(0xf000, 0x11);
  };
  return { clock, scheduler, acia, sent, advance, monitorInit };
}

describe('serial frames', () => {
  it('encodes 8N2 as eight data bits then two marks, LSB first', () => {
    expect(encodeFrame(0x41, FORMAT_8N2)).toEqual({ bits: 0x341, bitCount: 10 });
  });

  it('adds even or odd parity for 7-bit formats', () => {
    expect(encodeFrame(0x41, WORD_FORMATS[2]!)).toEqual({ bits: 0x041 | (0 << 7) | (1 << 8), bitCount: 9 });
    expect(encodeFrame(0x41, WORD_FORMATS[3]!)).toEqual({ bits: 0x041 | (1 << 7) | (1 << 8), bitCount: 9 });
  });

  it('decodes with the receiver format, flagging framing and parity errors', () => {
    expect(decodeFrame(encodeFrame(0xa5, FORMAT_8N2), FORMAT_8N2)).toEqual({
      value: 0xa5,
      framingError: false,
      parityError: false,
    });
    expect(decodeFrame({ bits: 0x241, bitCount: 10 }, FORMAT_8N2).framingError).toBe(true);
    expect(decodeFrame({ bits: 0x141, bitCount: 10 }, FORMAT_8N2).framingError).toBe(false);
    // An 8N2 byte $C1 read as 7 data bits + even parity: data $41, parity bit 1 where 0 is expected.
    expect(decodeFrame(encodeFrame(0xc1, FORMAT_8N2), WORD_FORMATS[2]!)).toEqual({
      value: 0x41,
      framingError: false,
      parityError: true,
    });
  });
});

describe('Acia6850', () => {
  it('is held in reset at power-on and comes up 8N2 divide-by-16 after the monitor writes $03, $11', () => {
    const { acia, monitorInit } = rig();
    expect(acia.read(0xf000) & TDRE).toBe(0);
    monitorInit();
    expect(acia.read(0xf000)).toBe(TDRE);
    expect(acia.format).toEqual(FORMAT_8N2);
    expect(acia.divider).toBe(16);
    expect(acia.frameCycles()).toBeCloseTo(36_044.8, 9);
  });

  it('mirrors the registers through page $F0 (odd address = data)', () => {
    const { acia, monitorInit } = rig();
    monitorInit();
    expect(acia.read(0xf0fe)).toBe(TDRE);
    acia.receive(encodeFrame(0x5a, FORMAT_8N2));
    expect(acia.read(0xf033)).toBe(0x5a);
  });

  it('sends a byte as an 11-bit frame taking 36,044.8 cycles and reports when its last stop bit ends', () => {
    const { acia, sent, advance, clock, monitorInit } = rig();
    monitorInit();
    clock.now = 1_024; // an ACIA clock edge (1024 cycles = 5 ticks)
    acia.write(0xf001, 0x41);
    advance(1_024 + 36_044);
    expect(sent).toEqual([]);
    advance(1_024 + 36_045);
    expect(sent).toEqual([{ value: 0x41, frame: { bits: 0x341, bitCount: 10 }, endCycle: 1_024 + 36_045 }]);
  });

  it('double-buffers: TDRE returns at once, then drops while a second byte waits', () => {
    const { acia, monitorInit, advance } = rig();
    monitorInit();
    acia.write(0xf001, 1);
    expect(acia.read(0xf000) & TDRE).toBe(TDRE);
    acia.write(0xf001, 2);
    expect(acia.read(0xf000) & TDRE).toBe(0);
    advance(36_100);
    expect(acia.read(0xf000) & TDRE).toBe(TDRE);
    expect(acia.transmitting).toBe(true);
  });

  it('keeps back-to-back frame timing exact over a long run (no drift from the fractional cycle count)', () => {
    const { acia, sent, advance, clock, monitorInit } = rig();
    monitorInit();
    const total = 5_000;
    let written = 0;
    acia.write(0xf001, written++ & 0xff);
    while (sent.length < total) {
      if (written < total && acia.read(0xf000) & TDRE) acia.write(0xf001, written++ & 0xff);
      advance(clock.now + 97);
    }
    const first = sent[0]!.endCycle;
    for (let k = 0; k < total; k++) {
      // Frames end on ACIA clock edges: tick (176 k + 176) of 4,800 Hz, i.e. at cycle ceil(ticks * 1024 / 5).
      expect(sent[k]!.endCycle).toBe(Math.ceil(((k + 1) * 176 * 1024) / 5));
      expect(sent[k]!.value).toBe(k & 0xff);
    }
    expect(sent[total - 1]!.endCycle - first).toBe(
      Math.ceil((total * 176 * 1024) / 5) - Math.ceil((176 * 1024) / 5),
    );
    expect((sent[4]!.endCycle - sent[0]!.endCycle) / 4).toBeCloseTo(36_044.8, 0);
    expect(sent[total - 1]!.endCycle - sent[total - 6]!.endCycle).toBe(5 * 36_044.8);
  });

  it('sets RDRF on receive; reading data clears it, peeking does not', () => {
    const { acia, monitorInit } = rig();
    monitorInit();
    acia.receive(encodeFrame(0x4c, FORMAT_8N2));
    expect(acia.peek(0xf000) & RDRF).toBe(RDRF);
    expect(acia.peek(0xf001)).toBe(0x4c);
    expect(acia.peek(0xf000) & RDRF).toBe(RDRF);
    expect(acia.read(0xf001)).toBe(0x4c);
    expect(acia.read(0xf000) & RDRF).toBe(0);
  });

  it('reports overrun after the last good character is read, as the datasheet describes', () => {
    const { acia, monitorInit } = rig();
    monitorInit();
    let emptied = 0;
    acia.onReceiverEmpty = () => emptied++;
    acia.receive(encodeFrame(0x31, FORMAT_8N2));
    acia.receive(encodeFrame(0x32, FORMAT_8N2));
    expect(acia.read(0xf000) & (RDRF | OVRN)).toBe(RDRF);
    expect(acia.read(0xf001)).toBe(0x31);
    expect(acia.read(0xf000) & (RDRF | OVRN)).toBe(RDRF | OVRN);
    expect(emptied).toBe(0);
    acia.read(0xf001);
    expect(acia.read(0xf000) & (RDRF | OVRN)).toBe(0);
    expect(emptied).toBe(1);
  });

  it('flags a framing error for a character whose stop bit is a space', () => {
    const { acia, monitorInit } = rig();
    monitorInit();
    acia.receive({ bits: 0x0ff, bitCount: 10 });
    expect(acia.read(0xf000) & FE).toBe(FE);
    acia.read(0xf001);
    acia.receive(encodeFrame(0x20, FORMAT_8N2));
    expect(acia.read(0xf000) & FE).toBe(0);
  });

  it('checks parity in 7-bit formats', () => {
    const { acia } = rig();
    acia.write(0xf000, 0x03);
    acia.write(0xf000, 0x09); // 7 bits, even parity, 1 stop, divide by 16
    acia.receive(encodeFrame(0xc1, FORMAT_8N2));
    expect(acia.read(0xf000) & PE).toBe(PE);
    expect(acia.read(0xf001)).toBe(0x41);
  });

  it('raises IRQ in the status when receive interrupts are enabled', () => {
    const { acia } = rig();
    const edges: boolean[] = [];
    acia.onIrq = (level) => edges.push(level);
    acia.write(0xf000, 0x03);
    acia.write(0xf000, 0x91);
    acia.receive(encodeFrame(1, FORMAT_8N2));
    expect(acia.read(0xf000) & IRQ).toBe(IRQ);
    acia.read(0xf001);
    expect(acia.read(0xf000) & IRQ).toBe(0);
    expect(edges).toEqual([true, false]);
  });

  it('holds TDRE low while /CTS is high', () => {
    const { acia, monitorInit } = rig();
    monitorInit();
    acia.setCts(true);
    expect(acia.read(0xf000) & (TDRE | CTS)).toBe(CTS);
    acia.setCts(false);
    expect(acia.read(0xf000) & TDRE).toBe(TDRE);
  });

  it('ignores data while in master reset and abandons a frame being sent', () => {
    const { acia, sent, advance, monitorInit } = rig();
    acia.receive(encodeFrame(1, FORMAT_8N2));
    expect(acia.read(0xf000) & RDRF).toBe(0);
    monitorInit();
    acia.write(0xf001, 7);
    acia.write(0xf000, 0x03);
    advance(100_000);
    expect(sent).toEqual([]);
  });

  it('round-trips its state mid-frame: the frame still ends on the same cycle', () => {
    const a = rig();
    a.monitorInit();
    a.acia.write(0xf001, 0x55);
    a.acia.write(0xf001, 0x66);
    a.advance(20_000);
    const saved = a.acia.saveState();
    const b = rig();
    b.clock.now = 20_000;
    b.acia.loadState(saved);
    b.advance(200_000);
    a.advance(200_000);
    expect(b.sent).toEqual(a.sent);
    expect(b.sent.map((s) => s.value)).toEqual([0x55, 0x66]);
    expect(() => b.acia.loadState({ ...saved, control: 'x' })).toThrow(/acia\.control/);
  });
});
