import { type Device, expectBytes, expectInt, expectRecord } from './device.ts';

export const VIDEO_RAM_BASE = 0xd000;
export const VIDEO_RAM_SIZE = 0x400;
export const SCREEN_COLUMNS = 32;
export const SCREEN_ROWS = 32;

export interface VideoRamState {
  readonly bytes: Uint8Array;
  readonly dirtyRows: number;
}

/**
 * The 1K of 2114 video RAM at $D000-$D3FF: 32 rows of 32 cells, cell (row, col) at $D000 + 32*row + col.
 * Writes that change a cell mark its row dirty so frames are only sent when something changed.
 */
export class VideoRam implements Device<VideoRamState> {
  readonly bytes: Uint8Array;
  /** Bit n set: row n changed since the last `takeDirtyRows`. */
  dirtyRows = 0;
  /** The clock reading at the last write that changed a cell. */
  changedAt = 0;
  private readonly clock: () => number;

  /**
   * `backing` lets the bus read the cells straight from its memory (Bus.mapWatchedRam); `clock` stamps
   * changes (the CPU cycle count) so a host can tell a settled screen from one in mid-scroll.
   */
  constructor(backing?: Uint8Array, clock: () => number = () => 0) {
    if (backing !== undefined && backing.length !== VIDEO_RAM_SIZE) {
      throw new RangeError(`video RAM backing must be ${VIDEO_RAM_SIZE} bytes, got ${backing.length}`);
    }
    this.bytes = backing ?? new Uint8Array(VIDEO_RAM_SIZE);
    this.clock = clock;
  }

  read(addr: number): number {
    return this.bytes[addr & 0x3ff] ?? 0;
  }

  peek(addr: number): number {
    return this.bytes[addr & 0x3ff] ?? 0;
  }

  write(addr: number, value: number): void {
    const offset = addr & 0x3ff;
    if (this.bytes[offset] !== value) {
      this.bytes[offset] = value;
      this.dirtyRows |= 1 << (offset >> 5);
      this.changedAt = this.clock();
    }
  }

  /** Returns the rows changed since the last call (bit per row) and clears the record. */
  takeDirtyRows(): number {
    const rows = this.dirtyRows >>> 0;
    this.dirtyRows = 0;
    return rows;
  }

  /** Fills the RAM (power-on contents) and marks every row dirty. */
  fill(source: (index: number) => number): void {
    for (let i = 0; i < VIDEO_RAM_SIZE; i++) this.bytes[i] = source(i) & 0xff;
    this.dirtyRows = -1;
    this.changedAt = this.clock();
  }

  /** Video RAM keeps its contents over a reset (the reset line does not reach the 2114s). */
  reset(): void {}

  saveState(): VideoRamState {
    return { bytes: this.bytes.slice(), dirtyRows: this.dirtyRows >>> 0 };
  }

  loadState(state: unknown): void {
    const fields = expectRecord(state, 'video');
    const bytes = expectBytes(fields, 'bytes', 'video', VIDEO_RAM_SIZE);
    const dirtyRows = expectInt(fields, 'dirtyRows', 'video', 0, 0xffff_ffff);
    this.bytes.set(bytes);
    this.dirtyRows = dirtyRows | 0;
    this.changedAt = this.clock();
  }
}

export interface ScreenWindow {
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly rows: number;
  readonly columns: number;
}

/**
 * Roughly what a TV shows. The monitor starts lines at offset $65 (row 3, column 5, from $FFE0) and BASIC
 * prints 24 columns; sources disagree on the first visible cell ($D065, $D083, $D085), so this is a default
 * the caller may replace.
 */
export const VISIBLE_WINDOW: ScreenWindow = { firstRow: 3, firstColumn: 5, rows: 25, columns: 24 };

export interface ScreenTextOptions {
  /** Crop to this window; the whole 32x32 when absent. */
  readonly window?: ScreenWindow | undefined;
  /** Drawn for codes outside the text set ($00-$1F, $80-$FF). */
  readonly placeholder?: string | undefined;
  /** Drop trailing spaces on each line. */
  readonly trimEnd?: boolean | undefined;
}

/** The OSI text set is ASCII in $20-$7F except for these cells (see shared/osi-charset.md). */
const TEXT_EXCEPTIONS: Readonly<Record<number, string>> = {
  0x60: ' ',
  0x7c: '}',
  0x7d: '\u00a6',
  0x7e: '\u00f7',
  0x7f: '~',
};

export function cellText(code: number, placeholder = '\u00b7'): string {
  if (code < 0x20 || code > 0x7f) return placeholder;
  return TEXT_EXCEPTIONS[code] ?? String.fromCharCode(code);
}

/** Video RAM as lines of text, one per screen row, for the CLI and tests. */
export function screenText(bytes: Uint8Array, options: ScreenTextOptions = {}): string[] {
  const window = options.window ?? {
    firstRow: 0,
    firstColumn: 0,
    rows: SCREEN_ROWS,
    columns: SCREEN_COLUMNS,
  };
  const { firstRow, firstColumn, rows, columns } = window;
  if (
    firstRow < 0 ||
    firstColumn < 0 ||
    rows < 1 ||
    columns < 1 ||
    firstRow + rows > SCREEN_ROWS ||
    firstColumn + columns > SCREEN_COLUMNS
  ) {
    throw new RangeError(
      `screen window rows ${firstRow}+${rows}, columns ${firstColumn}+${columns} does not fit the 32x32 screen`,
    );
  }
  const lines: string[] = [];
  for (let row = firstRow; row < firstRow + rows; row++) {
    let line = '';
    for (let col = firstColumn; col < firstColumn + columns; col++) {
      line += cellText(bytes[row * SCREEN_COLUMNS + col] ?? 0x20, options.placeholder);
    }
    lines.push(options.trimEnd === true ? line.trimEnd() : line);
  }
  return lines;
}
