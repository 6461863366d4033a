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
 * How long emulated keys stay down, in CPU cycles (machine time, so typing does not depend on emulation
 * speed). A real key is down for a span of time whatever the ROM scans; see docs/accuracy.md for how these
 * spans were found from the SYN600, BASIC and Lab Monitor key routines.
 */
export interface TypingOptions {
  /**
   * A typed key stays down this long from the first read of its row (so a key typed while the ROM is busy
   * waits for it); a host key at least this long from going down.
   */
  readonly holdCycles: number;
  /**
   * Up time before the next typed or host key goes down. When the next key is the same key, the ROM must
   * see it up: the span counts from the first read of its row after the release.
   */
  readonly gapCycles: number;
  /**
   * A typed key whose row the ROM does not read, while it does read other rows, counts as seen after this
   * long (a key pressed while a loop looks at other keys only is lost, as on the board, and typing goes on).
   */
  readonly unseenCycles: number;
}

export const DEFAULT_TYPING: TypingOptions = {
  holdCycles: 32_768,
  gapCycles: 12_288,
  unseenCycles: 983_040,
};

/** A typed key: down (its hold clock waits for the ROM to read its row), then up. */
interface TypedStroke {
  readonly rowMask: number;
  readonly bits: Uint8Array;
  readonly shiftLock: boolean | undefined;
  phase: 'down' | 'up';
  /** When the ROM first read the key's row in this phase, or -1. */
  seenAt: number;
  /** When the ROM first read other rows only in this phase, or -1. */
  otherReadAt: number;
  /** When the key went up. */
  upAt: number;
}

/** A host key: waiting behind earlier presses, down while held (at least holdCycles), then up. */
interface HostStroke {
  readonly code: string;
  readonly rowMask: number;
  readonly bits: Uint8Array;
  readonly shiftLock: boolean | undefined;
  phase: 'wait' | 'down' | 'up';
  downAt: number;
  /** When the host released the key, or -1 while it holds it. */
  releasedAt: number;
  upAt: number;
}

interface Keys {
  readonly rowMask: number;
  readonly bits: Uint8Array;
  readonly shiftLock: boolean | undefined;
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
 *
 * Emulated keys are down for spans of machine time (TypingOptions), whatever rows the ROM reads: typed
 * text goes key by key through a queue, so each character arrives exactly once; host keys are down while
 * the host holds them. Both change state only at reads of $DF00, the only place the ROM can see them.
 */
export class KeyboardMatrix implements Device<KeyboardState> {
  /** The latching SHIFT LOCK. It is down by default because BASIC only accepts upper case. */
  shiftLock = true;
  typing: TypingOptions;
  private rowLatch = 0xff;
  /** Keys pressed through press()/release(), bit set = down, per row. */
  private readonly manual = new Uint8Array(8);
  private readonly pressed = new Uint8Array(8);
  /** Typed keys; the head is down or up, the rest wait. An up head stays until the next may go down. */
  private readonly queue: TypedStroke[] = [];
  /** Host key strokes in the order they were pressed. */
  private readonly live: HostStroke[] = [];
  private readonly clock: () => number;

  constructor(clock: () => number = () => 0, typing: TypingOptions = DEFAULT_TYPING) {
    this.clock = clock;
    this.typing = typing;
    this.refresh();
  }

  read(addr: number): number {
    if (this.queue.length === 0 && this.live.length === 0) return this.peek(addr);
    const now = this.clock();
    if (this.advance(now)) this.refresh();
    const value = this.peek(addr);
    this.observe(~this.rowLatch & 0xff, now);
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
    this.queue.push({ ...chordKeys(chord), phase: 'down', seenAt: -1, otherReadAt: -1, upAt: -1 });
    if (this.queue.length === 1 || this.advance(this.clock())) this.refresh();
  }

  /** Typed keys not yet released, including the one down now. 0 means the typed input has been taken. */
  get typingPending(): number {
    const head = this.queue[0];
    return head?.phase === 'up' ? this.queue.length - 1 : this.queue.length;
  }

  /**
   * A host key went down. Returns false when the key means nothing on this keyboard (let the host use it).
   * The key goes down at once while every earlier press is still held by the user (chords and rollover);
   * behind a key already released but still within its minimum hold, or up for less than the gap, it
   * waits its turn, so a burst of host events (faster than the ROM polls) arrives in order.
   */
  hostKeyDown(event: HostKeyEvent, mode: HostKeyMode = 'symbolic'): boolean {
    const latest = this.latestStroke(event.code);
    // Auto-repeat from the host: the key is already down.
    if (latest !== undefined && latest.releasedAt < 0) return true;
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
    this.live.push({
      ...chordKeys(chord),
      code: event.code,
      phase: 'wait',
      downAt: -1,
      releasedAt: -1,
      upAt: -1,
    });
    this.advance(this.clock());
    this.refresh();
    return true;
  }

  hostKeyUp(code: string): void {
    const stroke = this.latestStroke(code);
    if (stroke === undefined || stroke.releasedAt >= 0) return;
    stroke.releasedAt = this.clock();
    if (this.advance(stroke.releasedAt)) this.refresh();
  }

  /** Host key presses not yet over (held, within their minimum hold or gap, or waiting their turn). */
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

  private latestStroke(code: string): HostStroke | undefined {
    for (let i = this.live.length - 1; i >= 0; i--) {
      const stroke = this.live[i];
      if (stroke?.code === code) return stroke;
    }
    return undefined;
  }

  /** Moves typed and host keys on to `now`; returns whether any key went down or up. */
  private advance(now: number): boolean {
    const typed = this.advanceTyped(now);
    return this.advanceLive(now) || typed;
  }

  private advanceTyped(now: number): boolean {
    const { holdCycles, gapCycles, unseenCycles } = this.typing;
    let changed = false;
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) return changed;
      const unseenTooLong = (): boolean => head.otherReadAt >= 0 && now - head.otherReadAt >= unseenCycles;
      if (head.phase === 'down') {
        if (head.seenAt < 0 && unseenTooLong()) head.seenAt = now;
        if (head.seenAt < 0 || now - head.seenAt < holdCycles) return changed;
        head.phase = 'up';
        head.upAt = head.seenAt + holdCycles;
        head.seenAt = -1;
        head.otherReadAt = -1;
        changed = true;
      }
      const next = this.queue[1];
      if (next === undefined) {
        // Kept a while for a same key typed next; then gone, so reads take the fast path again.
        if (now - head.upAt >= unseenCycles) this.queue.shift();
        return changed;
      }
      const upLongEnough = sharesKeys(head, next)
        ? (head.seenAt >= 0 && now - head.seenAt >= gapCycles) || unseenTooLong()
        : now - head.upAt >= gapCycles;
      if (!upLongEnough) return changed;
      this.queue.shift();
      changed = true;
    }
  }

  private advanceLive(now: number): boolean {
    const { holdCycles, gapCycles } = this.typing;
    let changed = false;
    let blocked = false;
    for (let i = 0; i < this.live.length; i++) {
      const stroke = this.live[i];
      if (stroke === undefined) continue;
      if (stroke.phase === 'wait' && !blocked) {
        stroke.phase = 'down';
        stroke.downAt = now;
        changed = true;
      }
      if (stroke.phase === 'down' && stroke.releasedAt >= 0 && now - stroke.downAt >= holdCycles) {
        stroke.phase = 'up';
        stroke.upAt = Math.max(stroke.downAt + holdCycles, stroke.releasedAt);
        changed = true;
      }
      if (stroke.phase === 'up' && now - stroke.upAt >= gapCycles) {
        this.live.splice(i--, 1);
        changed = true;
        continue;
      }
      if (stroke.phase !== 'down' || stroke.releasedAt >= 0) blocked = true;
    }
    return changed;
  }

  /** Notes what the ROM has seen of the typed key with this read of `selectedRows`. */
  private observe(selectedRows: number, now: number): void {
    const head = this.queue[0];
    if (head === undefined || (head.phase === 'up' && this.queue.length === 1)) return;
    if ((selectedRows & head.rowMask) !== 0) {
      if (head.seenAt < 0) head.seenAt = now;
    } else if (head.otherReadAt < 0) head.otherReadAt = now;
  }

  private refresh(): void {
    this.pressed.set(this.manual);
    let shiftLock = this.shiftLock;
    for (const stroke of this.live) {
      if (stroke.phase !== 'down') continue;
      this.merge(stroke);
      if (stroke.shiftLock !== undefined) shiftLock = stroke.shiftLock;
    }
    const head = this.queue[0];
    if (head !== undefined && head.phase === 'down') {
      this.merge(head);
      if (head.shiftLock !== undefined) shiftLock = head.shiftLock;
    }
    const lockBit = MATRIX_KEYS.SHIFT_LOCK[1];
    this.pressed[0] = ((this.pressed[0] ?? 0) & ~(1 << lockBit)) | (shiftLock ? 1 << lockBit : 0);
  }

  private merge(keys: Keys): void {
    for (let row = 0; row < 8; row++) this.pressed[row] = (this.pressed[row] ?? 0) | (keys.bits[row] ?? 0);
  }
}

function chordKeys(chord: Chord): Keys {
  const bits = new Uint8Array(8);
  let rowMask = 0;
  for (const key of chord.keys) {
    const [row, col] = MATRIX_KEYS[key];
    bits[row] = (bits[row] ?? 0) | (1 << col);
    if (row !== 0) rowMask |= 1 << row;
  }
  // A chord of row-0 keys only (ESC, CTRL) is scanned through row 0.
  return { rowMask: rowMask === 0 ? 1 : rowMask, bits, shiftLock: chord.shiftLock };
}

/** Whether two chords share a key outside row 0 (the same key typed twice must be seen going up). */
function sharesKeys(a: Keys, b: Keys): boolean {
  for (let row = 1; row < 8; row++) if (((a.bits[row] ?? 0) & (b.bits[row] ?? 0)) !== 0) return true;
  return (a.rowMask & b.rowMask & 1) !== 0 && ((a.bits[0] ?? 0) & (b.bits[0] ?? 0)) !== 0;
}
