import { type Device, StateError, expectBool, expectBytes, expectInt, expectRecord } from './device.ts';

/** Matrix position of every key on the model 600 keyboard: [row, column bit]. */
export const MATRIX_KEYS = {
  REPEAT: [0, 7],
  CTRL: [0, 6],
  ESC: [0, 5],
  LEFT_SHIFT: [0, 2],
  RIGHT_SHIFT: [0, 1],
  SHIFT_LOCK: [0, 0],
  Q: [1, 7],
  A: [1, 6],
  Z: [1, 5],
  SPACE: [1, 4],
  '/': [1, 3],
  ';': [1, 2],
  P: [1, 1],
  X: [2, 7],
  C: [2, 6],
  V: [2, 5],
  B: [2, 4],
  N: [2, 3],
  M: [2, 2],
  ',': [2, 1],
  S: [3, 7],
  D: [3, 6],
  F: [3, 5],
  G: [3, 4],
  H: [3, 3],
  J: [3, 2],
  K: [3, 1],
  W: [4, 7],
  E: [4, 6],
  R: [4, 5],
  T: [4, 4],
  Y: [4, 3],
  U: [4, 2],
  I: [4, 1],
  '.': [5, 7],
  L: [5, 6],
  O: [5, 5],
  LINE_FEED: [5, 4],
  RETURN: [5, 3],
  '8': [6, 7],
  '9': [6, 6],
  '0': [6, 5],
  ':': [6, 4],
  '-': [6, 3],
  RUB_OUT: [6, 2],
  '1': [7, 7],
  '2': [7, 6],
  '3': [7, 5],
  '4': [7, 4],
  '5': [7, 3],
  '6': [7, 2],
  '7': [7, 1],
} as const satisfies Record<string, readonly [number, number]>;

export type MatrixKey = keyof typeof MATRIX_KEYS;

export const KEYBOARD_BASE = 0xdf00;

/** A set of keys pressed together. `shiftLock` forces the latching SHIFT LOCK up or down for the chord. */
export interface Chord {
  readonly keys: readonly MatrixKey[];
  readonly shiftLock?: boolean | undefined;
}

const SHIFTED_DIGITS = '!"#$%&\'()';
/** Shift with these keys gives the symbol (SYN600 adds or subtracts $10 from the key code). */
const SHIFTED_SYMBOLS: Readonly<Record<string, MatrixKey>> = {
  '*': ':',
  '=': '-',
  '+': ';',
  '?': '/',
  '<': ',',
  '>': '.',
  '@': 'P',
  '[': 'K',
  ']': 'M',
  '^': 'N',
  _: 'O',
  '\\': 'L',
};

/**
 * The chord that makes the monitor's key poller return `char`, or undefined when no key combination does.
 * Upper case needs SHIFT LOCK down (the default); lower case is a letter with SHIFT LOCK up. "\n" and "\r"
 * are RETURN; control characters are CTRL with a letter.
 */
export function charToChord(char: string): Chord | undefined {
  if (char.length !== 1) return undefined;
  const code = char.charCodeAt(0);
  if (char >= 'A' && char <= 'Z') return { keys: [char as MatrixKey], shiftLock: true };
  if (char >= 'a' && char <= 'z') return { keys: [char.toUpperCase() as MatrixKey], shiftLock: false };
  if (char >= '0' && char <= '9') return { keys: [char as MatrixKey], shiftLock: true };
  const digit = SHIFTED_DIGITS.indexOf(char);
  if (digit >= 0) return { keys: ['LEFT_SHIFT', String(digit + 1) as MatrixKey], shiftLock: true };
  const shifted = SHIFTED_SYMBOLS[char];
  if (shifted !== undefined) return { keys: ['LEFT_SHIFT', shifted], shiftLock: true };
  switch (char) {
    case ' ':
      return { keys: ['SPACE'], shiftLock: true };
    case '\r':
    case '\n':
      return { keys: ['RETURN'], shiftLock: true };
    case '\x1b':
      return { keys: ['ESC'], shiftLock: true };
    case '\x7f':
      return { keys: ['RUB_OUT'], shiftLock: true };
    case ':':
    case '-':
    case ';':
    case '/':
    case ',':
    case '.':
      return { keys: [char], shiftLock: true };
  }
  if (code >= 1 && code <= 26) {
    return { keys: ['CTRL', String.fromCharCode(code + 0x40) as MatrixKey], shiftLock: true };
  }
  return undefined;
}

/** Host keys by position (KeyboardEvent.code), for games and for users who know the OSI layout. */
const POSITIONAL_KEYS: Readonly<Record<string, MatrixKey>> = {
  Space: 'SPACE',
  Enter: 'RETURN',
  NumpadEnter: 'RETURN',
  Backspace: 'RUB_OUT',
  Escape: 'ESC',
  ShiftLeft: 'LEFT_SHIFT',
  ShiftRight: 'RIGHT_SHIFT',
  ControlLeft: 'CTRL',
  ControlRight: 'CTRL',
  Tab: 'REPEAT',
  Backslash: 'LINE_FEED',
  // The OSI keyboard has ":" and "-" right of "0", where a PC keyboard has "-" and "=".
  Minus: ':',
  Equal: '-',
  Semicolon: ';',
  Comma: ',',
  Period: '.',
  Slash: '/',
};

export function codeToMatrixKey(code: string): MatrixKey | undefined {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3) as MatrixKey;
  if (/^Digit[1-9]$/.test(code) || code === 'Digit0') return code.slice(5) as MatrixKey;
  if (/^Numpad[0-9]$/.test(code)) return code.slice(6) as MatrixKey;
  return POSITIONAL_KEYS[code];
}

/** Host keys by meaning (KeyboardEvent.key): the character the user typed, made with OSI keys. */
export function keyToChord(key: string): Chord | undefined {
  switch (key) {
    case 'Enter':
      return { keys: ['RETURN'], shiftLock: true };
    case 'Backspace':
      // BASIC erases with "_" (shift-O); RUB OUT is on Delete.
      return { keys: ['LEFT_SHIFT', 'O'], shiftLock: true };
    case 'Delete':
      return { keys: ['RUB_OUT'], shiftLock: true };
    case 'Escape':
      return { keys: ['ESC'], shiftLock: true };
    case 'Tab':
      return undefined;
  }
  return charToChord(key);
}

export interface HostKeyEvent {
  readonly code: string;
  readonly key: string;
  readonly ctrlKey?: boolean | undefined;
}

export type HostKeyMode = 'positional' | 'symbolic';

/**
 * How long emulated keys stay down. The SYN600 poller accepts a key after seeing it in three consecutive
 * passes (about 5 ms apart), auto-repeats after about 150 more passes, and needs one pass with no key before
 * the same key counts again. Counting reads of the key's row makes typing independent of emulation speed.
 */
export interface TypingOptions {
  /** Reads of the key's row with the key down before it may be released. */
  readonly holdScans: number;
  /** And at least this many CPU cycles down. */
  readonly minHoldCycles: number;
  /** Reads of the key's row with the key up before the next key goes down. */
  readonly gapScans: number;
  /** And at least this many CPU cycles up. */
  readonly minGapCycles: number;
}

export const DEFAULT_TYPING: TypingOptions = {
  holdScans: 16,
  minHoldCycles: 16_384,
  gapScans: 4,
  minGapCycles: 8_192,
};

interface Stroke {
  readonly rowMask: number;
  readonly bits: Uint8Array;
  readonly shiftLock: boolean | undefined;
  /** 'wait': a host key waiting its turn behind earlier presses the ROM has not seen yet. */
  phase: 'wait' | 'hold' | 'gap';
  scans: number;
  since: number;
  releaseRequested: boolean;
}

export interface KeyboardState {
  readonly rowLatch: number;
  readonly shiftLock: boolean;
  readonly manual: Uint8Array;
}

export class KeyboardError extends Error {
  override readonly name = 'KeyboardError';
}

/**
 * The model 600 keyboard at $DF00: writing latches the row select (a row is selected when its bit is 0) and
 * reading returns the AND of the selected rows, where a pressed key pulls its column bit to 0.
 */
export class KeyboardMatrix implements Device<KeyboardState> {
  /** The latching SHIFT LOCK. It is down by default because BASIC only accepts upper case. */
  shiftLock = true;
  typing: TypingOptions;
  private rowLatch = 0xff;
  /** Keys pressed through press()/release(), bit set = down, per row. */
  private readonly manual = new Uint8Array(8);
  private readonly pressed = new Uint8Array(8);
  private readonly queue: Stroke[] = [];
  /** Host key strokes in the order they were pressed, by KeyboardEvent.code. */
  private readonly live: { readonly code: string; readonly stroke: Stroke }[] = [];
  private readonly clock: () => number;

  constructor(clock: () => number = () => 0, typing: TypingOptions = DEFAULT_TYPING) {
    this.clock = clock;
    this.typing = typing;
    this.refresh();
  }

  read(addr: number): number {
    const value = this.peek(addr);
    if (this.queue.length > 0 || this.live.length > 0) this.countScan(~this.rowLatch & 0xff);
    return value;
  }

  peek(_addr: number): number {
    const selected = ~this.rowLatch & 0xff;
    let down = 0;
    for (let row = 0; row < 8; row++) {
      if ((selected & (1 << row)) !== 0) down |= this.pressed[row] ?? 0;
    }
    return ~down & 0xff;
  }

  write(_addr: number, value: number): void {
    this.rowLatch = value & 0xff;
  }

  reset(): void {
    this.rowLatch = 0xff;
  }

  /** Keys as the matrix sees them now: bit set = down, one byte per row. */
  matrixRows(): Uint8Array {
    return this.pressed.slice();
  }

  press(key: MatrixKey): void {
    const [row, col] = MATRIX_KEYS[key];
    if (key === 'SHIFT_LOCK') this.shiftLock = true;
    else this.manual[row] = (this.manual[row] ?? 0) | (1 << col);
    this.refresh();
  }

  release(key: MatrixKey): void {
    const [row, col] = MATRIX_KEYS[key];
    if (key === 'SHIFT_LOCK') this.shiftLock = false;
    else this.manual[row] = (this.manual[row] ?? 0) & ~(1 << col);
    this.refresh();
  }

  toggleShiftLock(): void {
    this.shiftLock = !this.shiftLock;
    this.refresh();
  }

  /** Releases every key and drops pending typing; SHIFT LOCK keeps its latch. */
  releaseAll(): void {
    this.manual.fill(0);
    this.queue.length = 0;
    this.live.length = 0;
    this.refresh();
  }

  /**
   * Queues text to be typed key by key, each held long enough for the ROM's debouncer and then released.
   * Throws (queueing nothing) when a character has no key, naming it and its position. "\r\n" types one RETURN.
   */
  type(text: string): void {
    const normalised = text.replace(/\r\n/g, '\n');
    const chords: Chord[] = [];
    for (let i = 0; i < normalised.length; i++) {
      const char = normalised[i] ?? '';
      const chord = charToChord(char);
      if (chord === undefined) {
        const shown = char.charCodeAt(0) < 0x20 ? `\\x${char.charCodeAt(0).toString(16)}` : char;
        throw new KeyboardError(
          `cannot type "${shown}" (character ${i + 1}): the Superboard keyboard has no such key`,
        );
      }
      chords.push(chord);
    }
    for (const chord of chords) this.queueChord(chord);
  }

  queueChord(chord: Chord): void {
    const stroke = this.makeStroke(chord);
    this.queue.push(stroke);
    if (this.queue.length === 1) this.startStroke(stroke);
    this.refresh();
  }

  /** Keys still to be typed, including the one going down now. */
  get typingPending(): number {
    return this.queue.length;
  }

  /**
   * A host key went down. Returns false when the key means nothing on this keyboard (let the host use it).
   * Host events can arrive faster than the ROM polls (a paste-like burst, or several events between two
   * emulated frames), so a press goes down at once only while every earlier press is still held by the user
   * (chords and rollover); behind a key already released but not yet seen by the ROM it waits its turn,
   * and goes down after the ROM has seen that key held and then up. A key released before the ROM could
   * see it stays down until it has been scanned long enough.
   */
  hostKeyDown(event: HostKeyEvent, mode: HostKeyMode = 'symbolic'): boolean {
    const latest = this.latestStroke(event.code);
    // Auto-repeat from the host: the key is already down.
    if (latest !== undefined && !latest.releaseRequested) return true;
    if (event.code === 'CapsLock') {
      this.toggleShiftLock();
      return true;
    }
    let chord: Chord | undefined;
    if (mode === 'positional') {
      const key = codeToMatrixKey(event.code);
      chord = key === undefined ? undefined : { keys: [key] };
    } else if (event.ctrlKey === true && /^Key[A-Z]$/.test(event.code)) {
      chord = { keys: ['CTRL', event.code.slice(3) as MatrixKey], shiftLock: true };
    } else {
      chord = keyToChord(event.key);
    }
    if (chord === undefined) return false;
    const stroke = this.makeStroke(chord);
    stroke.phase = 'wait';
    this.live.push({ code: event.code, stroke });
    this.advanceLive();
    this.refresh();
    return true;
  }

  hostKeyUp(code: string): void {
    const stroke = this.latestStroke(code);
    if (stroke === undefined || stroke.releaseRequested) return;
    stroke.releaseRequested = true;
    if (this.advanceLive()) this.refresh();
  }

  /** Host key presses not yet fully seen by the ROM, including keys held down now. */
  get hostKeysPending(): number {
    return this.live.length;
  }

  saveState(): KeyboardState {
    return { rowLatch: this.rowLatch, shiftLock: this.shiftLock, manual: this.manual.slice() };
  }

  /** Restores latch and keys; typing in progress and held host keys are dropped. */
  loadState(state: unknown): void {
    const fields = expectRecord(state, 'keyboard');
    const rowLatch = expectInt(fields, 'rowLatch', 'keyboard', 0, 0xff);
    const shiftLock = expectBool(fields, 'shiftLock', 'keyboard');
    const manual = expectBytes(fields, 'manual', 'keyboard', 8);
    if ((manual[0] ?? 0) & 1)
      throw new StateError('keyboard.manual: SHIFT LOCK is kept in shiftLock, not row 0 bit 0');
    this.rowLatch = rowLatch;
    this.shiftLock = shiftLock;
    this.manual.set(manual);
    this.queue.length = 0;
    this.live.length = 0;
    this.refresh();
  }

  private makeStroke(chord: Chord): Stroke {
    const bits = new Uint8Array(8);
    let rowMask = 0;
    for (const key of chord.keys) {
      const [row, col] = MATRIX_KEYS[key];
      bits[row] = (bits[row] ?? 0) | (1 << col);
      if (row !== 0) rowMask |= 1 << row;
    }
    // A chord of row-0 keys only (ESC, CTRL) is scanned through row 0.
    if (rowMask === 0) rowMask = 1;
    return {
      rowMask,
      bits,
      shiftLock: chord.shiftLock,
      phase: 'hold',
      scans: 0,
      since: 0,
      releaseRequested: false,
    };
  }

  private startStroke(stroke: Stroke): void {
    stroke.phase = 'hold';
    stroke.scans = 0;
    stroke.since = this.clock();
  }

  private latestStroke(code: string): Stroke | undefined {
    for (let i = this.live.length - 1; i >= 0; i--) {
      const entry = this.live[i];
      if (entry?.code === code) return entry.stroke;
    }
    return undefined;
  }

  /**
   * Moves host strokes on: a released key held long enough goes up, a key up long enough is forgotten, and
   * a waiting key goes down once nothing before it is still to be seen. Returns whether any changed.
   */
  private advanceLive(): boolean {
    let changed = false;
    let blocked = false;
    for (let i = 0; i < this.live.length; i++) {
      const stroke = this.live[i]?.stroke;
      if (stroke === undefined) continue;
      if (stroke.phase === 'wait' && !blocked) {
        this.startStroke(stroke);
        changed = true;
      }
      if (stroke.phase === 'hold' && stroke.releaseRequested && this.heldLongEnough(stroke)) {
        stroke.phase = 'gap';
        stroke.scans = 0;
        stroke.since = this.clock();
        changed = true;
      }
      if (stroke.phase === 'gap' && this.upLongEnough(stroke)) {
        this.live.splice(i--, 1);
        changed = true;
        continue;
      }
      if (stroke.phase !== 'hold' || stroke.releaseRequested) blocked = true;
    }
    return changed;
  }

  private upLongEnough(stroke: Stroke): boolean {
    return stroke.scans >= this.typing.gapScans && this.clock() - stroke.since >= this.typing.minGapCycles;
  }

  private heldLongEnough(stroke: Stroke): boolean {
    return stroke.scans >= this.typing.holdScans && this.clock() - stroke.since >= this.typing.minHoldCycles;
  }

  private countScan(selectedRows: number): void {
    let changed = false;
    const head = this.queue[0];
    if (head !== undefined && (selectedRows & head.rowMask) !== 0) {
      head.scans++;
      if (head.phase === 'hold') {
        if (this.heldLongEnough(head)) {
          head.phase = 'gap';
          head.scans = 0;
          head.since = this.clock();
          changed = true;
        }
      } else if (this.upLongEnough(head)) {
        this.queue.shift();
        const next = this.queue[0];
        if (next !== undefined) this.startStroke(next);
        changed = true;
      }
    }
    let counted = false;
    for (const { stroke } of this.live) {
      if (stroke.phase === 'wait' || (selectedRows & stroke.rowMask) === 0) continue;
      stroke.scans++;
      counted = true;
    }
    if (counted && this.advanceLive()) changed = true;
    if (changed) this.refresh();
  }

  private refresh(): void {
    this.pressed.set(this.manual);
    let shiftLock = this.shiftLock;
    for (const { stroke } of this.live) {
      if (stroke.phase !== 'hold') continue;
      this.merge(stroke);
      if (stroke.shiftLock !== undefined) shiftLock = stroke.shiftLock;
    }
    const head = this.queue[0];
    if (head !== undefined && head.phase === 'hold') {
      this.merge(head);
      if (head.shiftLock !== undefined) shiftLock = head.shiftLock;
    }
    const lockBit = MATRIX_KEYS.SHIFT_LOCK[1];
    this.pressed[0] = ((this.pressed[0] ?? 0) & ~(1 << lockBit)) | (shiftLock ? 1 << lockBit : 0);
  }

  private merge(stroke: Stroke): void {
    for (let row = 0; row < 8; row++) this.pressed[row] = (this.pressed[row] ?? 0) | (stroke.bits[row] ?? 0);
  }
}
