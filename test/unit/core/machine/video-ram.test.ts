import { describe, expect, it } from 'vitest';
import {
  VISIBLE_WINDOW,
  VideoRam,
  cellText,
  screenText,
} from '../../../../src-main/core/machine/video-ram.ts';

function writeText(video: VideoRam, row: number, col: number, text: string): void {
  for (let i = 0; i < text.length; i++) video.write(0xd000 + row * 32 + col + i, text.charCodeAt(i));
}

describe('VideoRam', () => {
  it('stores cells at $D000 + 32*row + col and reads them back', () => {
    const video = new VideoRam();
    video.write(0xd000 + 32 * 5 + 7, 0x41);
    expect(video.read(0xd0a7)).toBe(0x41);
    expect(video.peek(0xd0a7)).toBe(0x41);
    expect(video.bytes[5 * 32 + 7]).toBe(0x41);
  });

  it('marks only rows whose contents changed and clears the record when taken', () => {
    const video = new VideoRam();
    video.takeDirtyRows();
    video.write(0xd000 + 32 * 2, 0x20);
    expect(video.takeDirtyRows()).toBe(0b100);
    video.write(0xd000 + 32 * 2, 0x20);
    expect(video.takeDirtyRows()).toBe(0);
    video.write(0xd3ff, 1);
    expect(video.takeDirtyRows()).toBe(0x8000_0000);
  });

  it('round-trips its state and rejects a short buffer without changing', () => {
    const video = new VideoRam();
    video.fill((i) => i * 7);
    const saved = video.saveState();
    const other = new VideoRam();
    other.loadState(saved);
    expect(Array.from(other.bytes)).toEqual(Array.from(video.bytes));
    expect(() => other.loadState({ bytes: new Uint8Array(10), dirtyRows: 0 })).toThrow(/1024 bytes, got 10/);
    expect(Array.from(other.bytes)).toEqual(Array.from(video.bytes));
  });
});

describe('screenText', () => {
  it('renders 32 lines of 32 cells with OSI text exceptions and a placeholder for graphics', () => {
    const video = new VideoRam();
    video.fill(() => 0x20);
    writeText(video, 0, 0, 'HELLO world');
    video.write(0xd000 + 11, 0x7e);
    video.write(0xd000 + 12, 0xa1);
    const lines = screenText(video.bytes, { trimEnd: true, placeholder: '#' });
    expect(lines).toHaveLength(32);
    expect(lines[0]).toBe('HELLO world\u00f7#');
    expect(lines[1]).toBe('');
    expect(screenText(video.bytes)[0]).toHaveLength(32);
    expect(cellText(0x60)).toBe(' ');
  });

  it('crops to the visible window', () => {
    const video = new VideoRam();
    video.fill(() => 0x20);
    writeText(video, 3, 5, 'D/C/W/M ?');
    const lines = screenText(video.bytes, { window: VISIBLE_WINDOW, trimEnd: true });
    expect(lines).toHaveLength(VISIBLE_WINDOW.rows);
    expect(lines[0]).toBe('D/C/W/M ?');
  });

  it('refuses a window outside the screen', () => {
    expect(() =>
      screenText(new Uint8Array(1024), { window: { firstRow: 20, firstColumn: 0, rows: 20, columns: 4 } }),
    ).toThrow(/does not fit/);
  });
});
