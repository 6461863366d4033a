import type { Superboard } from '../../src-main/core/machine/superboard.ts';
import { VISIBLE_WINDOW } from '../../src-main/core/machine/video-ram.ts';

/**
 * The visible window as a person reads it: 24 columns, a row filled to its last column running on into
 * the next (BASIC wraps its lines at the window width), blank rows kept as empty lines.
 */
export function readScreen(board: Superboard): string {
  let text = '';
  for (const row of board.screenText({ window: VISIBLE_WINDOW })) {
    text += row.length === VISIBLE_WINDOW.columns && !row.endsWith(' ') ? row : `${row.trimEnd()}\n`;
  }
  return text;
}

/**
 * Runs frame by frame until the visible window shows `text` (as readScreen reads it) or `seconds` of
 * machine time pass; returns whether it did. Looking every frame sees a line before it scrolls away.
 */
export function runUntilScreenShows(board: Superboard, text: string, seconds = 10): boolean {
  for (let frame = 0; frame < seconds * 60; frame++) {
    if (readScreen(board).includes(text)) return true;
    board.runFrame();
  }
  return readScreen(board).includes(text);
}

/** Types `text` and runs until every key of it has been pressed and released (at most `seconds`). */
export function typeAll(board: Superboard, text: string, seconds = 60): void {
  board.type(text);
  for (let frame = 0; frame < seconds * 60 && board.keyboard.typingPending > 0; frame++) board.runFrame();
  if (board.keyboard.typingPending > 0) {
    throw new Error(`${board.keyboard.typingPending} typed keys were still not taken after ${seconds} s`);
  }
}
