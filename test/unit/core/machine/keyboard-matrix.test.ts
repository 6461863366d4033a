import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TYPING,
  KeyboardError,
  KeyboardMatrix,
  charToChord,
  codeToMatrixKey,
  keyToChord,
} from '../../../../src-main/core/machine/keyboard-matrix.ts';

const selectRows = (...rows: number[]): number => ~rows.reduce((mask, row) => mask | (1 << row), 0) & 0xff;

/** Key codes of the model 600 rows 1-7 by column bit 7..1, as the monitor's decode table lays them out. */
const ROW_CODES: readonly (readonly number[])[] = [
  [],
  [0x51, 0x41, 0x5a, 0x20, 0x2f, 0xbb, 0xd0],
  [0x58, 0x43, 0x56, 0x42, 0x4e, 0x4d, 0x2c],
  [0x53, 0x44, 0x46, 0x47, 0x48, 0x4a, 0x4b],
  [0x57, 0x45, 0x52, 0x54, 0x59, 0x55, 0x49],
  [0x2e, 0x4c, 0x4f, 0x0a, 0x0d, 0x00, 0x00],
  [0xb8, 0xb9, 0x30, 0xba, 0x2d, 0xff, 0x00],
  [0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7],
];

/**
 * A model of the SYN600 poller's behaviour (written from its described algorithm, not its code): scan rows
 * from 0 up, take the first non-modifier key, accept it after three consecutive sightings with a ~5 ms
 * delay between them, auto-repeat only after 150 more, and forget the last key after a pass with none.
 */
class Syn600Model {
  now = 0;
  private last = 0;
  private countdown = 2;
  private lastAccepted = 0;

  readonly keyboard: KeyboardMatrix;

  constructor() {
    this.keyboard = new KeyboardMatrix(() => this.now);
  }

  /** Runs passes until a key is accepted or `limit` cycles pass. */
  poll(limit: number): number | undefined {
    const end = this.now + limit;
    while (this.now < end) {
      const key = this.scan();
      if (key === undefined) {
        this.last = 0;
        this.lastAccepted = 0;
        this.countdown = 2;
        continue;
      }
      if (key !== this.last) {
        this.last = key;
        this.countdown = 2;
        continue;
      }
      this.countdown--;
      if (this.countdown === 0) {
        this.countdown = key === this.lastAccepted ? 20 : 150;
        this.lastAccepted = key;
        return this.decode(key);
      }
      this.now += 5_000;
    }
    return undefined;
  }

  private readRow(row: number): number {
    this.keyboard.write(0xdf00, selectRows(row));
    this.now += 30;
    return ~this.keyboard.read(0xdf00) & 0xff;
  }

  private scan(): number | undefined {
    const row0 = this.readRow(0);
    if ((row0 & 1) === 0 && row0 !== 0) return undefined;
    if (row0 === 0x21) return 0x1b;
    for (let row = 1; row < 8; row++) {
      const bits = this.readRow(row);
      if (bits === 0) continue;
      const col = 31 - Math.clz32(bits);
      return ROW_CODES[row]?.[7 - col] ?? 0;
    }
    return undefined;
  }

  private decode(key: number): number {
    const modifiers = this.readRow(0);
    if (key === 0x1b) return key;
    const plain = key & 0x7f;
    if (plain === 0x20) return plain;
    if ((modifiers & 1) === 0) return (plain + 0x20) & 0xff;
    if ((modifiers & 0x06) !== 0) return (plain + (key & 0x80 ? 0xf0 : 0x10)) & 0xff;
    if ((modifiers & 0x40) !== 0) return (plain + 0xc0) & 0xff;
    return plain;
  }
}

/** Polls until no key comes for a while; returns what the poller accepted, RETURN as "\\n". */
function pollAll(model: Syn600Model): string {
  let out = '';
  for (;;) {
    const code = model.poll(2_000_000);
    if (code === undefined) return out;
    out += String.fromCharCode(code === 0x0d ? 0x0a : code);
    model.now += 3_000;
  }
}

/** The KeyboardEvent.code of a US keyboard key that types `char`. */
function hostCode(char: string): string {
  if (char === '\n') return 'Enter';
  if (char === '.') return 'Period';
  if (char === '/') return 'Slash';
  if (/[0-9]/.test(char)) return `Digit${char}`;
  return `Key${char.toUpperCase()}`;
}

function typeThroughSyn600(text: string): string {
  const model = new Syn600Model();
  const keyboard = model.keyboard;
  keyboard.type(text);
  let out = '';
  for (;;) {
    const code = model.poll(2_000_000);
    if (code === undefined) break;
    out += String.fromCharCode(code === 0x0d ? 0x0a : code);
    model.now += 3_000;
  }
  expect(keyboard.typingPending).toBe(0);
  return out;
}

describe('KeyboardMatrix hardware behaviour', () => {
  it('reads all ones with nothing selected and with nothing pressed but the shift lock', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.write(0xdf00, 0xff);
    expect(keyboard.read(0xdf00)).toBe(0xff);
    keyboard.write(0xdf00, selectRows(1));
    expect(keyboard.read(0xdf00)).toBe(0xff);
    keyboard.write(0xdf00, selectRows(0));
    expect(keyboard.read(0xdf00)).toBe(0xfe);
  });

  it('pulls the pressed column low in the selected row only, mirrored across the page', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.press('A');
    keyboard.write(0xdf00, selectRows(1));
    expect(keyboard.read(0xdf00)).toBe(0xbf);
    keyboard.write(0xdf42, selectRows(2));
    expect(keyboard.read(0xdf99)).toBe(0xff);
  });

  it('ANDs several selected rows, as the ctrl-C check relies on', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.press('CTRL');
    keyboard.press('C');
    keyboard.write(0xdf00, selectRows(0, 2));
    // CTRL and C share column bit 6; SHIFT LOCK pulls bit 0.
    expect(keyboard.read(0xdf00)).toBe(0xbe);
    keyboard.press('1');
    keyboard.write(0xdf00, 0x40);
    expect(keyboard.read(0xdf00)).toBe(0x3e);
  });

  it('keeps SHIFT LOCK latched down by default and lets the user unlatch it', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.write(0xdf00, selectRows(0));
    expect(keyboard.read(0xdf00) & 1).toBe(0);
    keyboard.toggleShiftLock();
    expect(keyboard.read(0xdf00) & 1).toBe(1);
  });

  it('peeks without side effects: only a read of its row starts the hold of a typed key', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now, { holdCycles: 100, gapCycles: 10, unseenCycles: 1_000 });
    keyboard.type('Q');
    keyboard.write(0xdf00, selectRows(1));
    now = 500;
    for (let i = 0; i < 10; i++) expect(keyboard.peek(0xdf00)).toBe(0x7f);
    expect(keyboard.read(0xdf00)).toBe(0x7f);
    now = 599;
    expect(keyboard.read(0xdf00)).toBe(0x7f);
    now = 600;
    expect(keyboard.read(0xdf00)).toBe(0xff);
    expect(keyboard.typingPending).toBe(0);
  });

  it('round-trips its state and rejects a bad one without changing', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.press('Z');
    keyboard.toggleShiftLock();
    keyboard.write(0xdf00, 0xfd);
    const other = new KeyboardMatrix();
    other.loadState(keyboard.saveState());
    expect(other.read(0xdf00)).toBe(keyboard.read(0xdf00));
    expect(other.shiftLock).toBe(false);
    expect(() => other.loadState({ rowLatch: 300, shiftLock: true, manual: new Uint8Array(8) })).toThrow(
      /rowLatch/,
    );
    expect(other.shiftLock).toBe(false);
  });
});

describe('key mapping', () => {
  it('maps characters to chords as the monitor decodes them', () => {
    expect(charToChord('A')).toEqual({ keys: ['A'], shiftLock: true });
    expect(charToChord('a')).toEqual({ keys: ['A'], shiftLock: false });
    expect(charToChord('"')).toEqual({ keys: ['LEFT_SHIFT', '2'], shiftLock: true });
    expect(charToChord('@')).toEqual({ keys: ['LEFT_SHIFT', 'P'], shiftLock: true });
    expect(charToChord('*')).toEqual({ keys: ['LEFT_SHIFT', ':'], shiftLock: true });
    expect(charToChord('\n')).toEqual({ keys: ['RETURN'], shiftLock: true });
    expect(charToChord('\x03')).toEqual({ keys: ['CTRL', 'C'], shiftLock: true });
    expect(charToChord('{')).toBeUndefined();
    expect(charToChord('AB')).toBeUndefined();
  });

  it('maps host key codes by position and host keys by meaning', () => {
    expect(codeToMatrixKey('KeyQ')).toBe('Q');
    expect(codeToMatrixKey('Digit0')).toBe('0');
    expect(codeToMatrixKey('Minus')).toBe(':');
    expect(codeToMatrixKey('ShiftRight')).toBe('RIGHT_SHIFT');
    expect(codeToMatrixKey('F5')).toBeUndefined();
    expect(keyToChord('Enter')).toEqual({ keys: ['RETURN'], shiftLock: true });
    expect(keyToChord('Backspace')).toEqual({ keys: ['LEFT_SHIFT', 'O'], shiftLock: true });
    expect(keyToChord('?')).toEqual({ keys: ['LEFT_SHIFT', '/'], shiftLock: true });
  });

  it('refuses untypeable text with the character and its position, queueing nothing', () => {
    const keyboard = new KeyboardMatrix();
    expect(() => keyboard.type('AB{C')).toThrow(KeyboardError);
    expect(() => keyboard.type('AB{C')).toThrow(/"\{" \(character 3\)/);
    expect(keyboard.typingPending).toBe(0);
  });
});

describe('typing queue', () => {
  it('delivers every character exactly once through a SYN600-style debouncing poller', () => {
    const text = 'PRINT "HELLO, world!" 10*(2+3)=50; A$<>B$ @[]^_\\ LLOOP 1122\n10 GOTO 10\n';
    expect(typeThroughSyn600(text)).toBe(text);
  });

  it('types ESC and control characters', () => {
    expect(typeThroughSyn600('\x1bA\x03')).toBe('\x1bA\x03');
  });

  it('delivers each character exactly once to a poller without debouncing (edge detect)', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    const text = 'HELLO 1122 WORLD\n';
    keyboard.type(text);
    let previous = new Set<string>();
    let out = '';
    for (let pass = 0; pass < 200_000 && keyboard.typingPending > 0; pass++) {
      const down = new Set<string>();
      for (let row = 1; row < 8; row++) {
        keyboard.write(0xdf00, selectRows(row));
        const bits = ~keyboard.read(0xdf00) & 0xff;
        for (let col = 1; col < 8; col++) if (bits & (1 << col)) down.add(`${row}:${col}`);
        now += 25;
      }
      for (const key of down) {
        if (previous.has(key)) continue;
        const [row, col] = key.split(':').map(Number) as [number, number];
        const code = (ROW_CODES[row]?.[7 - col] ?? 0) & 0x7f;
        out += String.fromCharCode(code === 0x0d ? 0x0a : code);
      }
      previous = down;
    }
    expect(out).toBe(text);
  });

  it('waits while nobody scans and resumes when scanning does', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.type('XY');
    now += 10_000_000;
    expect(keyboard.typingPending).toBe(2);
    keyboard.write(0xdf00, selectRows(2));
    expect(keyboard.read(0xdf00)).toBe(0x7f);
  });

  it('holds a typed key for holdCycles from the first read of its row, whatever is read after that', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.type('XY');
    keyboard.write(0xdf00, selectRows(2));
    now = 1_000;
    expect(keyboard.read(0xdf00)).toBe(0x7f);
    keyboard.write(0xdf00, selectRows(0));
    now = 1_000 + DEFAULT_TYPING.holdCycles;
    keyboard.read(0xdf00);
    expect(keyboard.matrixRows()[2]).toBe(0);
    expect(keyboard.typingPending).toBe(1);
    now += DEFAULT_TYPING.gapCycles;
    keyboard.read(0xdf00);
    expect(keyboard.matrixRows()[4]).toBe(1 << 3);
  });

  it('lets a typed key go after unseenCycles of reads of other rows only, so typing goes on', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.type('X ');
    keyboard.write(0xdf00, selectRows(1));
    for (; now < DEFAULT_TYPING.unseenCycles + DEFAULT_TYPING.holdCycles; now += 1_000) {
      expect(keyboard.read(0xdf00)).toBe(0xff);
    }
    now += DEFAULT_TYPING.gapCycles + 2_000;
    expect(keyboard.read(0xdf00)).toBe(0xef);
  });

  it('lets the same key go down again only after the ROM has seen it up for gapCycles', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.type('QQ');
    keyboard.write(0xdf00, selectRows(1));
    expect(keyboard.read(0xdf00)).toBe(0x7f);
    now = 10 * DEFAULT_TYPING.holdCycles;
    keyboard.write(0xdf00, selectRows(0));
    keyboard.read(0xdf00);
    expect(keyboard.matrixRows()[1]).toBe(0);
    keyboard.write(0xdf00, selectRows(1));
    expect(keyboard.read(0xdf00)).toBe(0xff);
    now += DEFAULT_TYPING.gapCycles - 1;
    expect(keyboard.read(0xdf00)).toBe(0xff);
    now += 1;
    expect(keyboard.read(0xdf00)).toBe(0x7f);
  });

  it('restores the user shift lock after typing lower case', () => {
    expect(typeThroughSyn600('aBc')).toBe('aBc');
    const keyboard = new KeyboardMatrix();
    keyboard.type('a');
    keyboard.write(0xdf00, selectRows(0));
    expect(keyboard.read(0xdf00) & 1).toBe(1);
    keyboard.releaseAll();
    expect(keyboard.read(0xdf00) & 1).toBe(0);
  });
});

describe('host keys', () => {
  it('shows a key pressed again within its minimum hold as up, then down again', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.hostKeyDown({ code: 'KeyQ', key: 'q' }, 'positional');
    keyboard.hostKeyUp('KeyQ');
    keyboard.hostKeyDown({ code: 'KeyQ', key: 'q' }, 'positional');
    keyboard.hostKeyDown({ code: 'KeyQ', key: 'q' }, 'positional'); // host auto-repeat: no new press
    keyboard.write(0xdf00, selectRows(1));
    const seen: number[] = [];
    for (let i = 0; i < 60; i++) {
      seen.push(keyboard.read(0xdf00));
      now += 1_000;
    }
    const runs: [number, number][] = [];
    for (const value of seen) {
      const last = runs.at(-1);
      if (last?.[0] === value) last[1]++;
      else runs.push([value, 1]);
    }
    expect(runs.map(([value]) => value)).toEqual([0x7f, 0xff, 0x7f]);
    expect(runs[0]![1]).toBe(Math.ceil(DEFAULT_TYPING.holdCycles / 1_000));
    expect(runs[1]![1]).toBe(Math.ceil(DEFAULT_TYPING.gapCycles / 1_000));
    keyboard.hostKeyUp('KeyQ');
    now += DEFAULT_TYPING.holdCycles;
    expect(keyboard.read(0xdf00)).toBe(0xff);
  });

  it('shows a release and re-press between two scans of a long-held key as up, then down', () => {
    let now = 0;
    const keyboard = new KeyboardMatrix(() => now);
    keyboard.write(0xdf00, selectRows(1));
    keyboard.hostKeyDown({ code: 'KeyQ', key: 'q' }, 'positional');
    for (let i = 0; i < 30; i++, now += 5_000) expect(keyboard.read(0xdf00)).toBe(0x7f);
    keyboard.hostKeyUp('KeyQ');
    keyboard.hostKeyDown({ code: 'KeyQ', key: 'q' }, 'positional');
    const gapStart = now;
    for (; now < gapStart + DEFAULT_TYPING.gapCycles; now += 1_000) expect(keyboard.read(0xdf00)).toBe(0xff);
    expect(keyboard.read(0xdf00)).toBe(0x7f);
  });

  it('delivers a burst of host key events (no time between them) in order through the SYN600 poller', () => {
    const model = new Syn600Model();
    const text = '.0300/A9\n.0301/41\n';
    for (const char of text) {
      const code = hostCode(char);
      model.keyboard.hostKeyDown({ code, key: char === '\n' ? 'Enter' : char });
      model.keyboard.hostKeyUp(code);
    }
    expect(pollAll(model)).toBe(text);
    expect(model.keyboard.hostKeysPending).toBe(0);
  });

  it('keeps keys held together down together (chords and rollover are not serialised)', () => {
    const keyboard = new KeyboardMatrix();
    keyboard.hostKeyDown({ code: 'ShiftLeft', key: 'Shift' }, 'positional');
    keyboard.hostKeyDown({ code: 'KeyA', key: 'A' }, 'positional');
    const rows = keyboard.matrixRows();
    expect(rows[0]! & 0b100).toBe(0b100);
    expect(rows[1]).toBe(1 << 6);
  });

  it('maps symbolic keys with their shift and lets CapsLock toggle SHIFT LOCK', () => {
    const keyboard = new KeyboardMatrix();
    expect(keyboard.hostKeyDown({ code: 'Quote', key: '"' })).toBe(true);
    expect(keyboard.matrixRows()[7]).toBe(1 << 6);
    expect(keyboard.matrixRows()[0]! & 0b100).toBe(0b100);
    expect(keyboard.hostKeyDown({ code: 'F1', key: 'F1' })).toBe(false);
    keyboard.hostKeyDown({ code: 'CapsLock', key: 'CapsLock' });
    expect(keyboard.shiftLock).toBe(false);
  });
});
