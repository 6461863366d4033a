// How decoded tape bytes read in the Waveform area's text and hex views and labels.

/** How a byte reads in the views: its character when printable, else its hex value. */
export function byteGlyph(value: number): string {
  return value > 0x20 && value < 0x7f ? String.fromCharCode(value) : `$${hex2(value)}`;
}

export function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

export interface TextLine {
  /** One entry per shown byte: what shows (a character, or ^X for a control code) and the byte's index. */
  chars: string[];
  indices: number[];
}

/**
 * The text listing, line by line, keeping the byte behind every character: bit 7 cleared, CR ends a line (an LF
 * straight after it is dropped), NULs hidden, other control codes in caret notation (^G, ^? for DEL).
 */
export function textLines(bytes: Uint8Array): TextLine[] {
  const lines: TextLine[] = [];
  let chars: string[] = [];
  let indices: number[] = [];
  let previous = -1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = (bytes[i] ?? 0) & 0x7f;
    if (byte === 0) continue;
    const afterCr = byte === 0x0a && previous === 0x0d;
    previous = byte;
    if (afterCr) continue;
    if (byte === 0x0d || byte === 0x0a) {
      lines.push({ chars: [...chars, '\u21b5'], indices: [...indices, i] });
      chars = [];
      indices = [];
      continue;
    }
    chars.push(
      byte < 0x20 ? `^${String.fromCharCode(0x40 + byte)}` : byte === 0x7f ? '^?' : String.fromCharCode(byte),
    );
    indices.push(i);
  }
  if (chars.length > 0) lines.push({ chars, indices });
  return lines;
}

/** The classes a byte's cell gets in the text and hex views ('sel', 'err', 'weak'), space separated. */
export type ByteClass = (index: number) => string;

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A text view row as HTML: a button per shown byte (`data-byte` its index). Built as one string and set in one
 * go: as a component per character, the rows of a long tape took a few thousand reactive effects to draw.
 */
export function textRowHtml(line: TextLine, classOf: ByteClass): string {
  let html = '';
  for (let k = 0; k < line.chars.length; k++) {
    const char = line.chars[k] ?? '';
    const index = line.indices[k] ?? 0;
    const extra = `${classOf(index)}${char.length > 1 ? ' ctl' : ''}`.trim();
    html += `<button class="ch${extra ? ` ${extra}` : ''}" data-byte="${index}">${escapeHtml(char)}</button>`;
  }
  return html;
}

/** How a byte reads in the hex view's character column: printable ASCII (bit 7 cleared), else a dot. */
export function asciiGlyph(value: number): string {
  const b = value & 0x7f;
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\u00b7';
}

/**
 * A hex view row of `columns` bytes from `row * columns` as HTML: the offset, a button per byte's hex value
 * (`data-byte` its index) and one per character (`data-at` its index, so a byte has one `data-byte` cell).
 */
export function hexRowHtml(bytes: Uint8Array, row: number, columns: number, classOf: ByteClass): string {
  const from = row * columns;
  const to = Math.min(bytes.length, from + columns);
  let hex = '';
  let text = '';
  for (let index = from; index < to; index++) {
    const cls = classOf(index).trim();
    const value = bytes[index] ?? 0;
    hex += `<button class="hx${cls ? ` ${cls}` : ''}" data-byte="${index}">${hex2(value)}</button>`;
    text += `<button class="ch${cls ? ` ${cls}` : ''}" data-at="${index}">${escapeHtml(asciiGlyph(value))}</button>`;
  }
  const offset = from.toString(16).toUpperCase().padStart(5, '0');
  return `<span class="offset">${offset}</span><span class="hex">${hex}</span><span class="ascii">${text}</span>`;
}
