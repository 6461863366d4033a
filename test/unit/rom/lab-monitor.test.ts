import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Cpu6502 } from '../../../src-main/core/cpu/cpu6502.ts';
import { MATRIX_KEYS } from '../../../src-main/core/machine/keyboard-matrix.ts';
import { assemble } from '../../../src-main/core/cpu/assembler/assembler.ts';
import { build65v } from '../../../src-main/core/formats/osi65v.ts';
import {
  assembleLabMonitor,
  LAB_MONITOR_BASE,
  LAB_MONITOR_FILES,
  LabMonitorBuildError,
} from '../../../src-main/rom/lab-monitor.ts';
import type { LabMonitorBuild } from '../../../src-main/rom/lab-monitor.ts';

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');

function readRom(path: string): string | undefined {
  try {
    return readFileSync(join(ROM_DIR, path), 'utf8');
  } catch {
    return undefined;
  }
}

/** Matrix positions [row, column bit] by the character or key name the tests type. */
const KEYS: Record<string, readonly [number, number]> = {
  ...MATRIX_KEYS,
  SHIFT: MATRIX_KEYS.LEFT_SHIFT,
  LOCK: MATRIX_KEYS.SHIFT_LOCK,
  ' ': MATRIX_KEYS.SPACE,
  '\n': MATRIX_KEYS.LINE_FEED,
  '\r': MATRIX_KEYS.RETURN,
};

/**
 * A bare Superboard for the ROM: 40K RAM, the monitor at $F800, an optional "BASIC" at $A000, the keyboard
 * matrix at $DF00 (write row select, read the AND of the selected rows, active low) and an ACIA with an input
 * queue and a transmit log. Unmapped addresses read $FF and ignore writes.
 */
class Board {
  readonly ram = new Uint8Array(0xa000);
  readonly rom: Uint8Array;
  basic: Uint8Array | undefined;
  readonly down = new Uint8Array(8);
  latch = 0xff;
  readonly aciaIn: number[] = [];
  readonly aciaOut: number[] = [];
  readonly aciaControl: number[] = [];
  readonly cpu: Cpu6502;

  constructor(rom: Uint8Array, basic?: Uint8Array) {
    this.rom = rom;
    this.basic = basic;
    this.down[0] = 0x01; // SHIFT LOCK latched down
    this.cpu = new Cpu6502(this);
    for (let i = 0; i < this.ram.length; i++) this.ram[i] = (i * 7919) & 0xff;
  }

  read(address: number): number {
    if (address < 0xa000) return this.ram[address] ?? 0;
    if (address >= 0xf800) return this.rom[address - 0xf800] ?? 0;
    if (address < 0xc000) return this.basic ? (this.basic[address - 0xa000] ?? 0) : 0xff;
    if (address >= 0xd000 && address < 0xd400) return this.video[address - 0xd000] ?? 0;
    if (address === 0xdf00) {
      let pressed = 0;
      for (let row = 0; row < 8; row++) if ((this.latch & (1 << row)) === 0) pressed |= this.down[row] ?? 0;
      return ~pressed & 0xff;
    }
    if (address === 0xf000) return (this.aciaIn.length > 0 ? 0x01 : 0) | 0x02;
    if (address === 0xf001) return this.aciaIn.shift() ?? 0;
    return 0xff;
  }

  readonly video = new Uint8Array(0x400).map((_, i) => (i * 31) & 0xff);

  write(address: number, value: number): void {
    if (address < 0xa000) this.ram[address] = value;
    else if (address >= 0xd000 && address < 0xd400) this.video[address - 0xd000] = value;
    else if (address === 0xdf00) this.latch = value;
    else if (address === 0xf000) this.aciaControl.push(value);
    else if (address === 0xf001) this.aciaOut.push(value);
  }

  run(cycles: number): void {
    this.cpu.run(this.cpu.cycles + cycles);
  }

  press(...names: string[]): void {
    for (const name of names) {
      const [row, bit] = KEYS[name] ?? [-1, -1];
      if (row < 0) throw new Error(`no key ${name}`);
      this.down[row] = (this.down[row] ?? 0) | (1 << bit);
    }
  }

  release(...names: string[]): void {
    for (const name of names) {
      const [row, bit] = KEYS[name] ?? [0, 0];
      this.down[row] = (this.down[row] ?? 0) & ~(1 << bit);
    }
  }

  /** Holds a chord for one video frame's worth of cycles, then releases it for as long. */
  stroke(...names: string[]): void {
    this.press(...names);
    this.run(16_384);
    this.release(...names);
    this.run(16_384);
  }

  /** Types text with SHIFT LOCK down: letters, digits, and the unshifted symbols. */
  type(text: string): void {
    for (const ch of text) this.stroke(ch.toUpperCase());
  }

  /** The visible window (rows 3-27, columns 5-28) as trimmed lines. */
  screen(): string[] {
    const lines: string[] = [];
    for (let row = 3; row <= 27; row++) {
      let line = '';
      for (let col = 5; col < 29; col++) {
        const code = this.video[row * 32 + col] ?? 0;
        line += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '#';
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  bottomLine(): string {
    return this.screen()[24] ?? '';
  }
}

let build: LabMonitorBuild;
beforeAll(() => {
  build = assembleLabMonitor(readRom);
});

function boot(basic?: Uint8Array): Board {
  const board = new Board(build.rom, basic);
  board.cpu.reset();
  board.run(200_000);
  return board;
}

function sym(name: string): number {
  const value = build.symbols.get(name);
  if (value === undefined) throw new Error(`no symbol ${name}`);
  return value;
}

/** Assembles a small program and copies it into the board's RAM. */
function load(board: Board, source: string): Map<string, number> {
  const result = assemble(source);
  expect(result.errors).toEqual([]);
  for (const segment of result.segments) board.ram.set(segment.bytes, segment.address);
  return result.symbols;
}

/** An 8K "BASIC" of our own: cold start at $BD11 stores $C0 at $0300, and the ROM is not uniform. */
function fakeBasic(): Uint8Array {
  const image = new Uint8Array(0x2000).map((_, i) => (i * 13 + 5) & 0xff);
  const code = assemble(' .org $BD11\n lda #$C0\n sta $0300\nhere: jmp here');
  for (const segment of code.segments) image.set(segment.bytes, segment.address - 0xa000);
  return image;
}

describe('Lab Monitor ROM image', () => {
  it('reads exactly the files LAB_MONITOR_FILES lists', () => {
    const read: string[] = [];
    assembleLabMonitor((path) => {
      read.push(path);
      return readRom(path);
    });
    expect(read.sort()).toEqual([...LAB_MONITOR_FILES].sort());
  });

  it('throws a build error naming the missing file or the assembly errors', () => {
    expect(() => assembleLabMonitor(() => undefined)).toThrow(LabMonitorBuildError);
    expect(() => assembleLabMonitor((path) => (path === 'screen.asm' ? ' frob' : readRom(path)))).toThrow(
      /screen\.asm:1:2: error: unknown instruction 'frob'/,
    );
  });

  it('fills $F800-$FFFF with the SYN600 vectors, jump table and config bytes', () => {
    const rom = build.rom;
    const at = (address: number): number => rom[address - LAB_MONITOR_BASE] ?? -1;
    const word = (address: number): number => at(address) | (at(address + 1) << 8);
    expect(rom.length).toBe(2048);
    expect(word(0xfffa)).toBe(0x0130);
    expect(word(0xfffc)).toBe(0xff00);
    expect(word(0xfffe)).toBe(0x01c0);
    expect([at(0xffe0), at(0xffe1), at(0xffe2)]).toEqual([0x65, 0x17, 0x00]);
    const table = [...rom.slice(0xffeb - LAB_MONITOR_BASE, 0xfffa - LAB_MONITOR_BASE)];
    expect(table).toEqual([
      0x6c, 0x18, 0x02, 0x6c, 0x1a, 0x02, 0x6c, 0x1c, 0x02, 0x6c, 0x1e, 0x02, 0x6c, 0x20, 0x02,
    ]);
    expect(at(0xff00)).toBe(0xd8); // CLD first
  });
});

describe('Lab Monitor on a bare board', () => {
  it('boots: sets up the ACIA, the RAM vectors and the stack, clears the screen and shows the monitor', () => {
    const board = boot();
    expect(board.aciaControl).toEqual([0x03, 0x11]);
    const vectors = [...board.ram.slice(0x218, 0x222)];
    const word = (i: number): number => (vectors[i] ?? 0) | ((vectors[i + 1] ?? 0) << 8);
    expect(word(0)).toBe(sym('basic_input'));
    expect(word(2)).toBe(sym('screen_output'));
    expect(word(4)).toBe(sym('ctrl_c_check'));
    expect(word(6)).toBe(sym('basic_load'));
    expect(word(8)).toBe(sym('basic_save'));
    expect([board.ram[0x203], board.ram[0x205], board.ram[0x206], board.ram[0x212]]).toEqual([0, 0, 0, 0]);
    expect(board.cpu.s).toBeLessThanOrEqual(0x28);
    const text = board.screen().filter((line) => line !== '');
    expect(text.slice(0, 3)).toEqual([
      'SUPERBOARD LAB MONITOR',
      'NO BASIC ROM AT $A000',
      '65V MONITOR  ? = HELP',
    ]);
    expect(text[3]).toBe(`.0000 ${hex2(board.ram[0] ?? 0)}#`); // location line and block cursor
    expect(board.video[0]).toBe(0x20); // cleared outside the window too
  });

  it('examines and modifies memory with 65V keys typed on the matrix', () => {
    const board = boot();
    board.type('.0300/42\r43\r');
    expect(board.ram[0x300]).toBe(0x42);
    expect(board.ram[0x301]).toBe(0x43);
    expect(board.bottomLine()).toBe(`/0302 ${hex2(board.ram[0x302] ?? 0)}#`);
    board.type('.0301');
    expect(board.bottomLine()).toBe('.0301 43#');
    expect(board.screen()).toContain('/0300 42');
    expect(board.screen()).toContain('/0301 43');
  });

  it('runs a program with G and comes back to the monitor on RTS', () => {
    const board = boot();
    load(board, ' .org $0400\n lda #$5A\n sta $0500\n rts');
    board.type('.0400G');
    expect(board.ram[0x500]).toBe(0x5a);
    expect(board.bottomLine()).toBe('.0400 A9#');
  });

  it('loads a 65V tape from the ACIA after L and runs it', () => {
    const board = boot();
    const program = assemble(
      [
        ' .org $0600',
        ' ldx #0',
        '@copy: lda text,x',
        ' beq @done',
        ' jsr $FFEE', // print through the output vector
        ' inx',
        ' bne @copy',
        '@done: lda #$99',
        ' sta $0700',
        'here: jmp here',
        'text: .text "TAPE OK", 0',
      ].join('\n'),
    );
    expect(program.errors).toEqual([]);
    const tape = build65v(program.segments, { run: true });
    board.stroke('L');
    for (const ch of '\n' + tape) board.aciaIn.push(ch.charCodeAt(0));
    board.run(3_000_000);
    expect(board.aciaIn.length).toBe(0);
    for (let i = 0; i < program.image.length; i++) expect(board.ram[0x600 + i]).toBe(program.image[i]);
    expect(board.ram[0x700]).toBe(0x99);
    expect(board.bottomLine()).toBe('TAPE OK');
  });

  it('leaves tape input when SPACE is pressed', () => {
    const board = boot();
    board.stroke('L');
    board.stroke(' ');
    board.aciaIn.push(...[...'.0300/77\r'].map((c) => c.charCodeAt(0)));
    board.run(200_000);
    expect(board.ram[0x300]).not.toBe(0x77);
    expect(board.aciaIn.length).toBe(9);
  });

  it('decodes shift, shift lock and control through the input vector', () => {
    const board = boot();
    const symbols = load(board, ' .org $0400\nloop: jsr $FFEB\n sta $0500,x\n inx\n jmp loop');
    board.cpu.pc = symbols.get('loop') ?? 0;
    board.cpu.x = 0;
    board.ram.fill(0, 0x500, 0x520);
    board.stroke('A'); // shift lock down: upper case
    board.release('LOCK');
    board.stroke('A'); // lock up: lower case
    board.stroke('SHIFT', 'A'); // shift: upper case
    board.press('LOCK');
    board.stroke('SHIFT', '1');
    board.stroke('SHIFT', '9');
    board.stroke('SHIFT', ':');
    board.stroke('SHIFT', '-');
    board.stroke('SHIFT', ',');
    board.stroke('SHIFT', '/');
    board.stroke('SHIFT', 'P');
    board.stroke('SHIFT', 'O');
    board.stroke('SHIFT', 'L');
    board.stroke('CTRL', 'C');
    board.stroke('\r');
    board.stroke('0');
    const got = String.fromCharCode(...board.ram.slice(0x500, 0x500 + 16));
    expect(got).toBe('AaA!)*=<?@_\\\x03\r0\0');
  });

  it('debounces: a key held for many frames counts once, and again after a release', () => {
    const board = boot();
    const symbols = load(board, ' .org $0400\nloop: jsr $FFEB\n sta $0500,x\n inx\n jmp loop');
    board.cpu.pc = symbols.get('loop') ?? 0;
    board.cpu.x = 0;
    board.ram.fill(0, 0x500, 0x510);
    board.press('Q');
    board.run(500_000);
    expect([...board.ram.slice(0x500, 0x502)]).toEqual([0x51, 0]);
    board.release('Q');
    board.run(20_000);
    board.stroke('Q');
    expect([...board.ram.slice(0x500, 0x503)]).toEqual([0x51, 0x51, 0]);
  });

  it('prints through the output vector and scrolls only the window rows', () => {
    const board = boot();
    board.video[0x1f] = 0x2a; // row 0: above the window
    board.video[29 * 32] = 0x2b; // row 29: below the window
    const symbols = load(
      board,
      [
        ' .org $0400',
        ' ldy #0',
        'line: tya',
        ' clc',
        " adc #'A'",
        ' jsr $FFEE',
        ' lda #13',
        ' jsr $FFEE',
        ' lda #10',
        ' jsr $FFEE',
        ' iny',
        ' cpy #26',
        ' bne line',
        'here: jmp here',
      ].join('\n'),
    );
    board.cpu.pc = symbols.get('line') === 0x402 ? 0x400 : 0;
    board.run(2_000_000);
    const screen = board.screen();
    expect(screen[0]).toBe('C'); // 26 lines in a 25-row window: A and B have scrolled away
    expect(screen[23]).toBe('Z');
    expect(screen[24]).toBe('');
    expect(board.video[0x1f]).toBe(0x2a);
    expect(board.video[29 * 32]).toBe(0x2b);
  });

  it('wraps a line longer than the window width, ignores NUL and steps back on BS', () => {
    const board = boot();
    load(
      board,
      ' .org $0400\n lda #13\n jsr $FFEE\n ldx #30\n lda #$31\nl: jsr $FFEE\n dex\n bne l\n lda #0\n jsr $FFEE\n lda #8\n jsr $FFEE\n lda #$A1\n jsr $FFEE\nhere: jmp here',
    );
    board.cpu.pc = 0x400;
    board.run(500_000);
    const screen = board.screen();
    expect(screen[23]).toBe('1'.repeat(24));
    expect(screen[24]).toBe('1'.repeat(5) + '#'); // NUL printed nothing, BS stepped back, $A1 is a glyph
  });

  it('SAVE sends output to the ACIA with 10 NULs after each CR; LOAD reads the ACIA until SPACE', () => {
    const board = boot();
    load(
      board,
      [
        ' .org $0400',
        ' jsr $FFF7', // SAVE
        " lda #'A'",
        ' jsr $FFEE',
        ' lda #13',
        ' jsr $FFEE',
        ' lda #10',
        ' jsr $FFEE',
        ' jsr $FFF4', // LOAD
        ' ldx #0',
        'in: jsr $FFEB',
        ' sta $0500,x',
        ' inx',
        ' jmp in',
      ].join('\n'),
    );
    board.aciaIn.push(0x31, 0, 0, 0x32, 0x0d);
    board.cpu.pc = 0x400;
    board.run(300_000);
    expect(board.aciaOut).toEqual([0x41, 0x0d, ...new Array<number>(10).fill(0), 0x0a]);
    expect([...board.ram.slice(0x500, 0x503)]).toEqual([0x31, 0x32, 0x0d]);
    expect(board.ram[0x203]).not.toBe(0);
    expect(board.ram[0x205]).toBe(0);
    board.stroke(' ');
    expect(board.ram[0x203]).toBe(0);
    board.stroke('Z');
    expect(board.ram[0x503]).toBe(0x5a); // the SPACE that ended LOAD was not typed
  });

  it("Ctrl-C check returns at once, or answers A = 3 at BASIC's $A636 with the stack BASIC left", () => {
    const basic = fakeBasic();
    // At $A636 (rev 3.2: CMP #3 after the monitor call) this "BASIC" records A, S and the return address.
    const breakHandler = assemble(
      ' .org $A636\n sta $0312\n tsx\n stx $0313\n pla\n sta $0314\n pla\n sta $0315\nhere: jmp here',
    );
    for (const segment of breakHandler.segments) basic.set(segment.bytes, segment.address - 0xa000);
    const board = boot(basic);
    const symbols = load(board, ' .org $0400\nloop: jsr $FFF1\nback: inc $0311\n jmp loop');
    board.ram[0x311] = 0;
    board.cpu.pc = 0x400;
    const stack = board.cpu.s;
    board.run(50_000);
    expect(board.ram[0x311]).toBeGreaterThan(10);
    board.press('CTRL', 'C');
    board.run(50_000);
    expect(board.ram[0x312]).not.toBe(3); // waits for C to be released
    board.release('CTRL', 'C');
    board.run(50_000);
    expect(board.ram[0x312]).toBe(3);
    expect(board.ram[0x313]).toBe((stack - 2) & 0xff);
    const back = (symbols.get('back') ?? 0) - 1;
    expect([board.ram[0x314], board.ram[0x315]]).toEqual([back & 0xff, back >> 8]);
  });
});

describe('Lab Monitor with a BASIC ROM', () => {
  it('detects BASIC at $A000, offers C/W/M and cold-starts at $BD11', () => {
    const board = boot(fakeBasic());
    const text = board.screen().filter((line) => line !== '');
    expect(text).toEqual([
      'SUPERBOARD LAB MONITOR',
      'C  COLD START BASIC',
      'W  WARM START BASIC',
      'M  MACHINE MONITOR',
      'C/W/M ?#',
    ]);
    board.type('C');
    expect(board.ram[0x300]).toBe(0xc0);
  });

  it('warm-starts at $0000 with W and enters the monitor with M', () => {
    const warm = boot(fakeBasic());
    load(warm, ' .org $0000\n lda #$3E\n sta $0301\nhere: jmp here');
    warm.type('W');
    expect(warm.ram[0x301]).toBe(0x3e);
    const mon = boot(fakeBasic());
    mon.type('M');
    expect(mon.screen().filter((line) => line !== '')).toContain('65V MONITOR  ? = HELP');
  });

  it('does not mistake RAM at $A000 for BASIC', () => {
    const board = new Board(build.rom);
    const ramAtA000 = new Uint8Array(0x2000).map((_, i) => i & 0xff);
    board.basic = ramAtA000;
    const write = board.write.bind(board);
    board.write = (address, value) => {
      if (address >= 0xa000 && address < 0xc000) ramAtA000[address - 0xa000] = value;
      else write(address, value);
    };
    board.cpu.reset();
    board.run(200_000);
    expect(board.screen()).toContain('NO BASIC ROM AT $A000');
  });
});

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
