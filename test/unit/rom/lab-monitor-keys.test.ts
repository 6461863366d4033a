import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TYPING, KeyboardMatrix } from '../../../src-main/core/machine/keyboard-matrix.ts';
import { loadMonitorRom } from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';
import { assembleOrThrow } from '../../support/assemble.ts';

/**
 * Keys are down for spans of machine time whatever rows the ROM reads. These programs do what BASIC's
 * Ctrl-C check and SYN600's LOAD loop do: after taking a key through the Lab Monitor's input routine, they
 * read one or two rows only. A key model that releases a key after N reads of its row leaves that key
 * down for good there, and every key typed after it waits behind it.
 */

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');
const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8'));
const INPUT = 0xffeb;
const MARK = 0x0340;

function boot(program: string): Superboard {
  const board = new Superboard({ roms: { monitor: loadMonitorRom(monitor.rom, 'lab-monitor') } });
  board.run(300_000);
  const code = assembleOrThrow(program);
  for (const segment of code.segments) board.load(segment.address, segment.bytes);
  return board;
}

/** Types `text` and runs at most `seconds` of machine time until the byte at MARK is `done`. */
function typeUntil(board: Superboard, text: string, done: number, seconds = 10): void {
  board.type(text);
  for (let frame = 0; frame < seconds * 60 && board.peek(MARK) !== done; frame++) board.runFrame();
}

describe('typed keys in loops that read one row only', () => {
  it('breaks a loop that reads only the CTRL and C rows after RETURN was typed', () => {
    const board = boot(`
        .org $0300
        lda #0
        sta ${MARK}
wait:   jsr ${INPUT}          ; full debounced scans until RETURN
        cmp #$0D
        bne wait
        lda #1
        sta ${MARK}
check:  lda #$FE              ; row 0: CTRL is bit 6
        sta $DF00
        lda $DF00
        and #$40
        bne check
        lda #$FB              ; row 2: C is bit 6
        sta $DF00
        lda $DF00
        and #$40
        bne check
        lda #2
        sta ${MARK}
        rts
    `);
    typeUntil(board, '.0300G\r\x03', 2);
    expect(board.peek(MARK)).toBe(2);
    board.run(DEFAULT_TYPING.holdCycles);
    expect(board.keyboard.typingPending).toBe(0);
  });

  it('sees SPACE in a loop that reads only the SPACE row, and the keys typed after it', () => {
    const board = boot(`
        .org $0300
        lda #0
        sta ${MARK}
        jsr ${INPUT}          ; the L that starts the "load"
        sta ${MARK} + 1
        lda #1
        sta ${MARK}
space:  lda #$FD              ; row 1 only: SPACE is bit 4
        sta $DF00
        lda $DF00
        and #$10
        bne space
        lda #2
        sta ${MARK}
up:     lda $DF00             ; until SPACE is released
        and #$10
        beq up
        jsr ${INPUT}
        sta ${MARK} + 2
        jsr ${INPUT}
        sta ${MARK} + 3
        lda #3
        sta ${MARK}
        rts
    `);
    typeUntil(board, '.0300GL QW', 3);
    expect(board.peek(MARK)).toBe(3);
    expect([MARK + 1, MARK + 2, MARK + 3].map((a) => String.fromCharCode(board.peek(a)))).toEqual([
      'L',
      'Q',
      'W',
    ]);
  });

  it('delivers a key typed twice in a row twice to the Lab Monitor, and each of a long text once', () => {
    const board = boot(`
        .org $0300
        ldy #0
        sty ${MARK}
next:   jsr ${INPUT}
        sta $0400,y
        iny
        cmp #$0D
        bne next
        sty ${MARK}
        rts
    `);
    const text = 'LLOOP 1122 AABB  ZZ..\r';
    typeUntil(board, `.0300G${text}`, text.length);
    expect(String.fromCharCode(...board.peekRange(0x400, text.length))).toBe(text);
  });
});

describe('host keys', () => {
  const selectRows = (...rows: number[]): number => ~rows.reduce((mask, row) => mask | (1 << row), 0) & 0xff;

  it('lets RETURN up when the host releases it although the ROM then reads only the Ctrl-C rows', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.hostKeyDown({ code: 'Enter', key: 'Enter' });
    // 120 ms of a running program's Ctrl-C checks: rows 0 and 2 only.
    for (; now < 0.12 * 983_040; now += 2_000) {
      keyboard.write(0xdf00, selectRows(0));
      keyboard.read(0xdf00);
      keyboard.write(0xdf00, selectRows(2));
      keyboard.read(0xdf00);
    }
    keyboard.hostKeyUp('Enter');
    keyboard.write(0xdf00, selectRows(5));
    expect(keyboard.read(0xdf00)).toBe(0xff);
    expect(keyboard.hostKeysPending).toBeLessThanOrEqual(1);
    now += DEFAULT_TYPING.gapCycles;
    keyboard.read(0xdf00);
    expect(keyboard.hostKeysPending).toBe(0);
  });

  it('holds a quick tap for the minimum hold, then lets it up', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.hostKeyDown({ code: 'KeyA', key: 'a' }, 'positional');
    keyboard.hostKeyUp('KeyA');
    keyboard.write(0xdf00, selectRows(1));
    expect(keyboard.read(0xdf00)).toBe(0xbf);
    now = DEFAULT_TYPING.holdCycles - 1;
    expect(keyboard.read(0xdf00)).toBe(0xbf);
    now = DEFAULT_TYPING.holdCycles;
    expect(keyboard.read(0xdf00)).toBe(0xff);
  });
});
