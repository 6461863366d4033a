import { describe, expect, it } from 'vitest';
import {
  MAX_TRANSCRIPT_LINES,
  TERMINAL_COLUMNS,
  TerminalGrid,
} from '../../../../src-main/core/terminal/terminal-grid.ts';

const bytes = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

function row(video: Uint8Array, r: number): string {
  return String.fromCharCode(...video.subarray(r * 32, r * 32 + 32)).trimEnd();
}

describe('TerminalGrid', () => {
  it('ends a line at CR, takes CR LF as one line end and a lone LF as one, and ignores NULs', () => {
    const grid = new TerminalGrid();
    grid.write(bytes('10 PRINT\r\0\0\0\n20 END\r\nOK\nREADY'));
    expect(grid.lines()).toEqual(['10 PRINT', '20 END', 'OK', 'READY']);
    expect(grid.received).toBe(29);
  });

  it('rubs out with BS and wraps a line at 32 columns', () => {
    const grid = new TerminalGrid();
    grid.write(bytes('HELP\bLO\r'));
    grid.write(bytes('X'.repeat(TERMINAL_COLUMNS + 3)));
    expect(grid.lines()).toEqual(['HELLO', 'X'.repeat(32), 'XXX']);
  });

  it('draws the last lines at the bottom of a 32 x 32 screen, the unfinished line last', () => {
    const grid = new TerminalGrid();
    for (let i = 0; i < 40; i++) grid.write(bytes(`LINE ${i}\r`));
    grid.write(bytes('> '));
    const video = grid.video();
    expect(video.length).toBe(1024);
    expect(row(video, 31)).toBe('>');
    expect(row(video, 30)).toBe('LINE 39');
    expect(row(video, 0)).toBe('LINE 9');
  });

  it('keeps a bounded transcript and starts afresh on clear', () => {
    const grid = new TerminalGrid();
    for (let i = 0; i < MAX_TRANSCRIPT_LINES + 5; i++) grid.write(bytes(`${i}\r`));
    expect(grid.lines()).toHaveLength(MAX_TRANSCRIPT_LINES);
    expect(grid.lines()[0]).toBe('5');
    grid.clear();
    expect(grid.lines()).toEqual([]);
    expect(row(grid.video(), 31)).toBe('');
  });
});
