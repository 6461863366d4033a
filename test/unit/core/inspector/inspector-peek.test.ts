import { describe, expect, it } from 'vitest';
import { disassembleRange } from '../../../../src-main/core/cpu/disassembler.ts';
import { ioSnapshot, stackReturns } from '../../../../src-main/core/inspector/io-snapshot.ts';
import { memoryRegions } from '../../../../src-main/core/inspector/memory-map.ts';
import { RDRF, encodeFrame } from '../../../../src-main/core/machine/acia6850.ts';
import { loadBasicRom, loadMonitorRom } from '../../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';
import { assemble } from '../machine/mini-asm.ts';

/** A monitor that sets the ACIA to 8N2 /16 and then spins, leaving received bytes unread. */
function board(basic = false): Superboard {
  const rom = new Uint8Array(0x800).fill(0xea);
  rom.set(assemble(0xf800, 'LDA #$03\n STA $F000\n LDA #$11\n STA $F000\nloop: JMP loop\n'));
  rom[0x7fc] = 0x00;
  rom[0x7fd] = 0xf8;
  const roms = {
    monitor: loadMonitorRom(rom),
    ...(basic ? { basic: loadBasicRom([new Uint8Array(0x2000).fill(0x60)]) } : {}),
  };
  return new Superboard({ roms, ramBytes: 12 * 1024 });
}

describe('inspecting the machine only peeks', () => {
  it('reads the ACIA status and data, all 64K and the I/O panel without clearing RDRF or changing state', () => {
    const machine = board();
    machine.run(100);
    machine.acia.receive(encodeFrame(0x4c, { dataBits: 8, parity: 'none', stopBits: 2 }));
    machine.keyboard.write(0xdf00, 0xfb);
    const before = machine.saveState();
    const scansBefore = machine.keyboard.saveState();

    const io = ioSnapshot(machine);
    const all = machine.peekRange(0, 0x10000);
    disassembleRange((a) => machine.peek(a), 0xefff, 200);

    expect(io.acia.flags).toContain('RDRF');
    expect(io.acia.data).toBe(0x4c);
    expect(all[0xf001]).toBe(0x4c);
    expect(io.keyboardLatch).toBe(0xfb);
    expect(machine.peek(0xf000) & RDRF).toBe(RDRF);
    expect(machine.saveState()).toEqual(before);
    expect(machine.keyboard.saveState()).toEqual(scansBefore);
    // The same read through the CPU's bus cycle does clear it: the test above would notice a real read.
    expect(machine.bus.read(0xf001)).toBe(0x4c);
    expect(machine.peek(0xf000) & RDRF).toBe(0);
  });

  it('finds JSR return addresses on the stack', () => {
    const memory = new Uint8Array(0x10000);
    memory.set([0x20, 0x00, 0xfd], 0xf810); // JSR $FD00 at $F810 pushes $F812
    memory.set([0x12, 0xf8, 0x99, 0x05, 0x03], 0x1fb); // S = $FA: the return, then a plain byte pair
    memory[0x0303] = 0xea;
    expect(stackReturns((a) => memory[a] ?? 0, 0xfa)).toEqual([
      { slot: 0x1fb, jsrAt: 0xf810, target: 0xfd00 },
    ]);
  });

  it('describes exactly the pages the machine maps', () => {
    for (const basic of [false, true]) {
      const machine = board(basic);
      const regions = memoryRegions({ ramKb: 12, monitor: 'test', basic: basic ? 'test BASIC' : null });
      expect(regions[0]?.start).toBe(0);
      expect(regions[regions.length - 1]?.end).toBe(0xffff);
      const kindOf = {
        ram: 'ram',
        basic: 'rom',
        monitor: 'rom',
        video: 'watched-ram',
        keyboard: 'device',
        acia: 'device',
        unmapped: 'unmapped',
      } as const;
      for (let i = 0; i < regions.length; i++) {
        const region = regions[i]!;
        if (i > 0) expect(region.start).toBe(regions[i - 1]!.end + 1);
        for (let page = region.start >> 8; page <= region.end >> 8; page++) {
          expect(machine.bus.pageKind(page), `page ${page.toString(16)}`).toBe(kindOf[region.kind]);
        }
      }
    }
  });
});
