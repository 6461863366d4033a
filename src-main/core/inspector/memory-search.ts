/** Finding bytes in memory and writing hex dumps, for the Memory area's hex view. */

export type SearchPattern = { ok: true; bytes: number[]; what: string } | { ok: false; error: string };

/**
 * Reads what the user wants to find: `"text"` (ASCII), a 16-bit value `w:$1234` / `w:#4660` (stored low byte
 * first), or hex bytes `A9 41 8D`.
 */
export function parseSearch(input: string): SearchPattern {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Nothing to find: type hex bytes (A9 41), "text" or w:$1234.' };
  const quoted = /^"(.*)"?$/.exec(text);
  if (quoted && text.startsWith('"')) {
    const body = (quoted[1] as string).replace(/"$/, '');
    if (body === '') return { ok: false, error: 'The text to find is empty.' };
    if (![...body].every((c) => c.charCodeAt(0) < 0x80)) {
      return { ok: false, error: 'The Superboard only has ASCII characters; use hex bytes for others.' };
    }
    return { ok: true, bytes: [...body].map((c) => c.charCodeAt(0)), what: `text ${JSON.stringify(body)}` };
  }
  const word = /^w:\s*(?:\$([0-9a-f]{1,4})|#(\d{1,5}))$/i.exec(text);
  if (word) {
    const value = word[1] !== undefined ? parseInt(word[1], 16) : Number(word[2]);
    if (value > 0xffff) return { ok: false, error: `${value} does not fit in 16 bits.` };
    return { ok: true, bytes: [value & 0xff, value >> 8], what: `the 16-bit value $${hex(value, 4)}` };
  }
  const parts = text.replace(/\$/g, '').split(/[\s,]+/);
  if (parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) {
    return {
      ok: true,
      bytes: parts.map((p) => parseInt(p, 16)),
      what: `bytes ${parts.map((p) => p.toUpperCase().padStart(2, '0')).join(' ')}`,
    };
  }
  return {
    ok: false,
    error: `Cannot search for ${JSON.stringify(text)}: type hex bytes (A9 41), "text" or w:$1234.`,
  };
}

/** The first address at or after `from` (wrapping round the 64K) where `pattern` starts, or -1. */
export function findBytes(memory: Uint8Array, pattern: readonly number[], from: number): number {
  if (pattern.length === 0) return -1;
  const size = memory.length;
  for (let i = 0; i < size; i++) {
    const start = (from + i) % size;
    let match = true;
    for (let j = 0; j < pattern.length && match; j++) {
      match = memory[(start + j) % size] === pattern[j];
    }
    if (match) return start;
  }
  return -1;
}

function hex(n: number, digits: number): string {
  return n.toString(16).toUpperCase().padStart(digits, '0');
}

/** A classic hex dump: `D000  41 42 ...  AB..`, 16 bytes a line, the first line aligned to 16. */
export function formatHexDump(start: number, bytes: Uint8Array): string {
  const lines: string[] = [];
  const end = start + bytes.length;
  for (let row = start & ~0xf; row < end; row += 16) {
    let hexPart = '';
    let ascii = '';
    for (let col = 0; col < 16; col++) {
      const address = row + col;
      if (address < start || address >= end) {
        hexPart += '   ';
        ascii += ' ';
        continue;
      }
      const b = bytes[address - start] as number;
      hexPart += `${hex(b, 2)} `;
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${hex(row & 0xffff, 4)}  ${hexPart} ${ascii}`.trimEnd());
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The access map as text: one line per address that was touched, `address reads writes executes`. */
export function formatAccessMap(reads: Uint32Array, writes: Uint32Array, executes: Uint32Array): string {
  const lines = ['# address reads writes executes'];
  for (let a = 0; a < reads.length; a++) {
    const r = reads[a] as number;
    const w = writes[a] as number;
    const x = executes[a] as number;
    if (r + w + x > 0) lines.push(`$${hex(a, 4)} ${r} ${w} ${x}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}
