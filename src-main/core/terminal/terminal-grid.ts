// What a real Superboard sends over the cassette cable, laid out as its own screen would show it: 32 columns,
// a line per CR, scrolling. It keeps the text as a transcript of lines (for side-by-side comparison) and
// renders the last rows as video-RAM codes, so the Screen's painter draws it with the OSI glyphs.

export const TERMINAL_COLUMNS = 32;
export const TERMINAL_ROWS = 32;
/** Lines kept in the transcript; older ones are dropped. */
export const MAX_TRANSCRIPT_LINES = 1000;

const CR = 0x0d;
const LF = 0x0a;
const BS = 0x08;
const SPACE = 0x20;

export class TerminalGrid {
  /** Finished lines, oldest first (at most MAX_TRANSCRIPT_LINES). */
  readonly #lines: number[][] = [];
  #current: number[] = [];
  #lastWasCr = false;
  /** Every byte written, with NULs and control codes. */
  received = 0;

  /** Lays out bytes: CR (or a lone LF) ends a line, BS rubs out, a full line wraps; NULs and other control codes are ignored. */
  write(bytes: Iterable<number>): void {
    for (const raw of bytes) {
      const byte = raw & 0xff;
      this.received++;
      // The NULs BASIC pads each line with come between its CR and LF.
      if (byte === 0) continue;
      const afterCr = this.#lastWasCr;
      this.#lastWasCr = byte === CR;
      if (byte === CR || (byte === LF && !afterCr)) this.#newLine();
      else if (byte === BS) this.#current.pop();
      else if (byte >= SPACE && byte < 0x80) {
        if (this.#current.length === TERMINAL_COLUMNS) this.#newLine();
        this.#current.push(byte);
      }
    }
  }

  #newLine(): void {
    this.#lines.push(this.#current);
    this.#current = [];
    if (this.#lines.length > MAX_TRANSCRIPT_LINES) this.#lines.shift();
  }

  clear(): void {
    this.#lines.length = 0;
    this.#current = [];
    this.#lastWasCr = false;
    this.received = 0;
  }

  /** The transcript as text lines, the unfinished one last (when it has text). */
  lines(): string[] {
    const all = [...this.#lines, this.#current];
    if (this.#current.length === 0) all.pop();
    return all.map((codes) => String.fromCharCode(...codes));
  }

  /** The last rows as 32 x 32 video-RAM codes (spaces elsewhere), the cursor line at the bottom. */
  video(): Uint8Array {
    const video = new Uint8Array(TERMINAL_COLUMNS * TERMINAL_ROWS).fill(SPACE);
    const shown = [...this.#lines.slice(-(TERMINAL_ROWS - 1)), this.#current];
    const top = TERMINAL_ROWS - shown.length;
    shown.forEach((codes, i) => video.set(codes, (top + i) * TERMINAL_COLUMNS));
    return video;
  }
}
