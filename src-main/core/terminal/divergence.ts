// Side by side: where the emulator's screen and a real board's output (decoded from its cassette line) first
// differ. Timing is ignored: only the text lines each has produced are compared.
//
// - Both sides become lists of lines with leading and trailing spaces removed; blank lines are dropped (the
//   two screens scroll and pad differently). The emulator's lines are its 32 x 32 video RAM, top to bottom.
// - The emulator's screen shows only its last rows, and rows from before side by side began (a banner): the
//   two lists are lined up at the pair of equal lines that starts the longest run of equal lines (the earliest
//   such pair on a tie). Lines before that point are left out of the comparison.
// - From there, line by line: the first pair that differs is the divergence, with the first column that
//   differs. A side that has simply not got as far (fewer lines, or a last line that is the start of the
//   other's) is behind, not divergent.
// - With no equal line at all, the last lines are lined up from the bottom.
import { screenText } from '../machine/video-ram.ts';

export interface Divergence {
  /** Indexes into `Comparison.emulator` and `Comparison.board`. */
  emulatorLine: number;
  boardLine: number;
  /** The first column (in the trimmed lines) that differs. */
  column: number;
}

export interface Comparison {
  emulator: string[];
  board: string[];
  /** Where both begin to be compared (lines before these are not part of it). */
  emulatorStart: number;
  boardStart: number;
  /** Lines equal on both sides from the start. */
  matched: number;
  divergence: Divergence | null;
  /** Which side has produced less so far (only when there is no divergence). */
  behind: 'emulator' | 'board' | null;
}

/** Lines of the board's transcript taken into account (the emulator's screen holds 32 at most). */
const BOARD_WINDOW = 64;

function normalise(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line.length > 0);
}

/** The emulator's screen as comparable lines. */
export function screenLines(video: Uint8Array): string[] {
  return normalise(screenText(video, { placeholder: ' ' }));
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Compares the emulator's lines with the board's transcript lines (both as given; they are normalised here). */
export function compareLines(emulatorLines: readonly string[], boardLines: readonly string[]): Comparison {
  const emulator = normalise(emulatorLines);
  const board = normalise(boardLines).slice(-BOARD_WINDOW);
  let best = { e: -1, b: -1, run: 0 };
  for (let e = 0; e < emulator.length; e++) {
    for (let b = 0; b < board.length; b++) {
      let run = 0;
      while (e + run < emulator.length && b + run < board.length && emulator[e + run] === board[b + run])
        run++;
      if (run > best.run) best = { e, b, run };
    }
  }
  let e0: number;
  let b0: number;
  if (best.run > 0) {
    e0 = best.e;
    b0 = best.b;
  } else {
    const n = Math.min(emulator.length, board.length);
    e0 = emulator.length - n;
    b0 = board.length - n;
  }
  let i = 0;
  while (e0 + i < emulator.length && b0 + i < board.length) {
    const left = emulator[e0 + i] as string;
    const right = board[b0 + i] as string;
    if (left !== right) {
      const column = firstDifference(left, right);
      const lastLeft = e0 + i === emulator.length - 1;
      const lastRight = b0 + i === board.length - 1;
      // One side is part-way through the same line.
      if (column === left.length && lastLeft) return result('emulator');
      if (column === right.length && lastRight) return result('board');
      return { ...result(null), divergence: { emulatorLine: e0 + i, boardLine: b0 + i, column } };
    }
    i++;
  }
  const leftRest = emulator.length - e0 - i;
  const rightRest = board.length - b0 - i;
  return result(leftRest < rightRest ? 'emulator' : rightRest < leftRest ? 'board' : null);

  function result(behind: Comparison['behind']): Comparison {
    return {
      emulator,
      board,
      emulatorStart: e0,
      boardStart: b0,
      matched: i,
      divergence: null,
      behind,
    };
  }
}
