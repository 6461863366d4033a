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
