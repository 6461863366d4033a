import { describe, expect, it } from 'vitest';
import { compareLines, screenLines } from '../../../../src-main/core/terminal/divergence.ts';

describe('compareLines (side by side)', () => {
  it('lines both sides up past the emulator banner and finds nothing different', () => {
    const emulator = ['LAB MONITOR', '', '  HELLO', 'WORLD  '];
    const board = ['HELLO', 'WORLD'];
    const result = compareLines(emulator, board);
    expect(result.divergence).toBeNull();
    expect(result.matched).toBe(2);
    expect(result.emulator[result.emulatorStart]).toBe('HELLO');
    expect(result.behind).toBeNull();
  });

  it('reports the first line and column that differ', () => {
    const result = compareLines(['BANNER', 'A', 'PRINT 2+2', ' 4', 'OK'], ['A', 'PRINT 2+2', ' 5', 'OK']);
    expect(result.divergence).toEqual({ emulatorLine: 3, boardLine: 2, column: 0 });
    expect(result.emulator[3]).toBe('4');
    expect(result.board[2]).toBe('5');
    expect(result.matched).toBe(2);
  });

  it('finds the column inside a line', () => {
    const result = compareLines(['HELLO BOARD'], ['HELLO BIARD']);
    expect(result.divergence).toEqual({ emulatorLine: 0, boardLine: 0, column: 7 });
  });

  it('ignores timing: a side part-way through the same text is behind, not divergent', () => {
    const board = compareLines(['ONE', 'TWO', 'THREE'], ['ONE', 'TW']);
    expect(board.divergence).toBeNull();
    expect(board.behind).toBe('board');
    const emulator = compareLines(['ONE'], ['ONE', 'TWO']);
    expect(emulator.divergence).toBeNull();
    expect(emulator.behind).toBe('emulator');
  });

  it('prefers the longest run of equal lines over an earlier single match', () => {
    const result = compareLines(['OK', 'X', 'OK', 'A', 'B'], ['OK', 'A', 'B']);
    expect(result.emulatorStart).toBe(2);
    expect(result.boardStart).toBe(0);
    expect(result.divergence).toBeNull();
    expect(result.matched).toBe(3);
  });

  it('lines the ends up when no line is shared', () => {
    const result = compareLines(['BANNER', 'AAA'], ['BBB']);
    expect(result.divergence).toEqual({ emulatorLine: 1, boardLine: 0, column: 0 });
  });

  it('reads the emulator screen from video RAM', () => {
    const video = new Uint8Array(1024).fill(0x20);
    video.set(
      [...'HI THERE'].map((c) => c.charCodeAt(0)),
      3 * 32 + 5,
    );
    video[10 * 32 + 5] = 0x01;
    expect(screenLines(video)).toEqual(['HI THERE']);
  });
});
