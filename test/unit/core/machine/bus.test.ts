import { describe, expect, it } from 'vitest';
import { Cpu6502 } from '../../../../src-main/core/cpu/cpu6502.ts';
import { Bus, type BusTap } from '../../../../src-main/core/machine/bus.ts';
import { Acia6850, RDRF, encodeFrame, FORMAT_8N2 } from '../../../../src-main/core/machine/acia6850.ts';
import { Scheduler } from '../../../../src-main/core/machine/scheduler.ts';
import { VideoRam } from '../../../../src-main/core/machine/video-ram.ts';

/**
 * A RAM probe in the manner of BASIC's cold start (hand-assembled): from $0300 upward, store $55 and $AA
 * into each byte and stop at the first that does not read back; the end address is left in $02/$03.
 *
 * 0200 A9 00     LDA #$00         0216 A9 AA     LDA #$AA
 * 0202 85 02     STA $02          0218 91 02     STA ($02),Y
 * 0204 A9 03     LDA #$03         021A D1 02     CMP ($02),Y
 * 0206 85 03     STA $03          021C D0 09     BNE done
 * 0208 A0 00     LDY #$00         021E E6 02     INC $02
 * 020A A9 55     loop: LDA #$55   0220 D0 E8     BNE loop
 * 020C 91 02     STA ($02),Y      0222 E6 03     INC $03
 * 020E D1 02     CMP ($02),Y      0224 D0 E4     BNE loop
 * 0210 D0 15     BNE done         0226 EA        NOP
 * 0212 EA x4     NOP              0227 4C 27 02  done: JMP done
 */
const PROBE = [
  0xa9, 0x00, 0x85, 0x02, 0xa9, 0x03, 0x85, 0x03, 0xa0, 0x00, 0xa9, 0x55, 0x91, 0x02, 0xd1, 0x02, 0xd0, 0x15,
  0xea, 0xea, 0xea, 0xea, 0xa9, 0xaa, 0x91, 0x02, 0xd1, 0x02, 0xd0, 0x09, 0xe6, 0x02, 0xd0, 0xe8, 0xe6, 0x03,
  0xd0, 0xe4, 0xea, 0x4c, 0x27, 0x02,
];

function probeMachine(ramPages: number, unmapped: 'address-high' | number) {
  const bus = new Bus(unmapped);
  bus.mapRam(0, ramPages);
  const rom = new Uint8Array(0x800);
  rom[0x7fc] = 0x00;
  rom[0x7fd] = 0x02;
  bus.mapRom(0xf800, rom);
  PROBE.forEach((byte, i) => bus.poke(0x200 + i, byte));
  const cpu = new Cpu6502(bus);
  cpu.reset();
  return { bus, cpu };
}

describe('Bus', () => {
  it('serves RAM and ROM from its memory and ignores writes to ROM and unmapped pages', () => {
    const bus = new Bus(0x00);
    bus.mapRam(0, 0x20);
    bus.mapRom(0xf800, new Uint8Array(0x800).fill(0xea));
    bus.write(0x1fff, 0x12);
    expect(bus.read(0x1fff)).toBe(0x12);
    bus.write(0xf900, 0x00);
    expect(bus.read(0xf900)).toBe(0xea);
    bus.write(0x2000, 0x55);
    expect(bus.read(0x2000)).toBe(0x00);
    expect(bus.pageKind(0x1f)).toBe('ram');
    expect(bus.pageKind(0xf8)).toBe('rom');
    expect(bus.pageKind(0x20)).toBe('unmapped');
  });

  it('returns the high address byte from unmapped pages by default, like a floating bus', () => {
    const bus = new Bus();
    expect(bus.read(0x8123)).toBe(0x81);
    expect(bus.peek(0x9abc)).toBe(0x9a);
    bus.setUnmappedRead(0xff);
    expect(bus.read(0x8123)).toBe(0xff);
    expect(() => bus.setUnmappedRead(300)).toThrow(/byte/);
  });

  it('dispatches device pages, and peek never triggers device side effects', () => {
    const clock = { now: 0 };
    const acia = new Acia6850(new Scheduler(() => clock.now));
    acia.powerOn();
    const video = new VideoRam();
    const bus = new Bus();
    bus.mapDevice(0xf0, 1, acia);
    bus.mapDevice(0xd0, 4, video);
    bus.write(0xf000, 0x03);
    bus.write(0xf000, 0x11);
    acia.receive(encodeFrame(0x42, FORMAT_8N2));
    expect(bus.peek(0xf001)).toBe(0x42);
    expect(bus.peek(0xf000) & RDRF).toBe(RDRF);
    expect(Array.from(bus.peekRange(0xf000, 2))).toEqual([bus.peek(0xf000), 0x42]);
    expect(bus.read(0xf001)).toBe(0x42);
    expect(bus.peek(0xf000) & RDRF).toBe(0);
    bus.write(0xd3ff, 0x41);
    expect(video.bytes[0x3ff]).toBe(0x41);
    expect(bus.deviceAt(0xd2)).toBe(video);
  });

  it('reads watched RAM straight from memory and sends its writes through the device', () => {
    const bus = new Bus();
    const video = new VideoRam(bus.memory.subarray(0xd000, 0xd400));
    bus.mapWatchedRam(0xd0, 4, video);
    video.takeDirtyRows();
    bus.write(0xd021, 0x2a);
    expect(bus.memory[0xd021]).toBe(0x2a);
    expect(bus.read(0xd021)).toBe(0x2a);
    expect(bus.peek(0xd021)).toBe(0x2a);
    expect(video.takeDirtyRows()).toBe(0b10);
    expect(bus.pageKind(0xd3)).toBe('watched-ram');
    expect(() => new VideoRam(new Uint8Array(10))).toThrow(/1024 bytes/);
  });

  it('rejects ROMs that are not whole pages and page ranges past $FFFF', () => {
    const bus = new Bus();
    expect(() => bus.mapRom(0xf800, new Uint8Array(100))).toThrow(/whole pages/);
    expect(() => bus.mapRam(0xff, 2)).toThrow(/passes \$FFFF/);
  });

  it('reports CPU accesses to an installed tap and stops when it is removed', () => {
    const bus = new Bus();
    bus.mapRam(0, 1);
    const seen: string[] = [];
    const tap: BusTap = {
      afterRead: (addr, value) => seen.push(`r${addr}=${value}`),
      afterWrite: (addr, value) => seen.push(`w${addr}=${value}`),
    };
    bus.setTap(tap);
    bus.write(5, 9);
    bus.read(5);
    bus.peek(5);
    bus.poke(6, 1);
    bus.setTap(null);
    bus.read(5);
    expect(seen).toEqual(['w5=9', 'r5=9']);
    expect(bus.tap).toBeNull();
  });

  it.each([
    [4, 'address-high' as const],
    [8, 'address-high' as const],
    [40, 'address-high' as const],
    [8, 0x00],
    [8, 0xff],
    [0x55 >> 2, 0x55],
  ])('stops a BASIC-style RAM probe at the end of %iK RAM (unmapped reads %s)', (kb, unmapped) => {
    const { bus, cpu } = probeMachine(kb * 4, unmapped);
    cpu.run(2_000_000);
    expect(cpu.pc).toBeGreaterThanOrEqual(0x227);
    expect(cpu.pc).toBeLessThanOrEqual(0x229);
    expect(bus.peek(2) | (bus.peek(3) << 8)).toBe(kb * 1024);
  });
});
