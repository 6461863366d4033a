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
 * Where the text listing's lines are, kept compact for a long tape (hundreds of thousands of bytes): the line
 * of each byte (-1 for a hidden one) and the first shown byte of each line. The rules: bit 7 cleared, CR ends
 * a line (an LF straight after it is dropped), NULs hidden, other control codes in caret notation (^G, ^? for
 * DEL). The lines' characters are made only for the rows on screen (`textLine`).
 */
export interface TextLayout {
  lineCount: number;
  starts: Int32Array;
  lineOfByte: Int32Array;
}

export function textLayout(bytes: Uint8Array): TextLayout {
  const lineOfByte = new Int32Array(bytes.length).fill(-1);
  const starts: number[] = [];
  let line = 0;
  let open = false;
  let previous = -1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = (bytes[i] ?? 0) & 0x7f;
    if (byte === 0) continue;
    const afterCr = byte === 0x0a && previous === 0x0d;
    previous = byte;
    if (afterCr) continue;
    if (!open) {
      starts.push(i);
      open = true;
    }
    lineOfByte[i] = line;
    if (byte === 0x0d || byte === 0x0a) {
      line++;
      open = false;
    }
  }
  return { lineCount: starts.length, starts: Int32Array.from(starts), lineOfByte };
}

/** Line `n` of the listing: what shows (a character, ↵ for a line end, ^X for a control code) and its byte. */
export function textLine(bytes: Uint8Array, layout: TextLayout, n: number): TextLine {
  const chars: string[] = [];
  const indices: number[] = [];
  const from = layout.starts[n] ?? bytes.length;
  const to = layout.starts[n + 1] ?? bytes.length;
  for (let i = from; i < to; i++) {
    if (layout.lineOfByte[i] !== n) continue;
    const byte = (bytes[i] ?? 0) & 0x7f;
    chars.push(
      byte === 0x0d || byte === 0x0a
        ? '\u21b5'
        : byte < 0x20
          ? `^${String.fromCharCode(0x40 + byte)}`
          : byte === 0x7f
            ? '^?'
            : String.fromCharCode(byte),
    );
    indices.push(i);
  }
  return { chars, indices };
}

/** The whole listing, line by line, keeping the byte behind every character. */
export function textLines(bytes: Uint8Array): TextLine[] {
  const layout = textLayout(bytes);
  return Array.from({ length: layout.lineCount }, (_, n) => textLine(bytes, layout, n));
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
