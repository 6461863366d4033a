/** Addresses as a user types them: hex ($D000, D000, 0xD000), decimal with # (#53248) or a label (+ offset). */

import type { LabelTable } from './labels.ts';

export type AddressResult = { ok: true; address: number } | { ok: false; error: string };

const HINT = 'type hex like $D000, decimal like #53248, or a label name';

export function parseAddressInput(text: string, labels?: LabelTable): AddressResult {
  const input = text.trim();
  if (input === '') return { ok: false, error: `No address given: ${HINT}.` };
  const offsetMatch = /^\.?(.*?)\s*([+-])\s*(\$?[0-9A-Fa-f]+|#\d+)$/.exec(input);
  const base = offsetMatch ? labels?.addressOf(offsetMatch[1] as string) : undefined;
  if (offsetMatch && base !== undefined) {
    const offset = parseNumber(offsetMatch[3] as string);
    if (offset === null)
      return { ok: false, error: `Bad offset ${JSON.stringify(offsetMatch[3])}: ${HINT}.` };
    const address = offsetMatch[2] === '+' ? base + offset : base - offset;
    if (address < 0 || address > 0xffff) {
      return { ok: false, error: `${input} is outside the 64K address space ($0000-$FFFF).` };
    }
    return { ok: true, address };
  }
  const label = labels?.addressOf(input.replace(/^\./, ''));
  if (label !== undefined) return { ok: true, address: label };
  const value = parseNumber(input);
  if (value === null) {
    const asLabel = /^\.?[A-Za-z_]\w*$/.test(input) && !/^(0x)?[0-9a-f]+$/i.test(input);
    return {
      ok: false,
      error: asLabel
        ? `No label named ${JSON.stringify(input)}: ${HINT}.`
        : `Not an address: ${JSON.stringify(input)}: ${HINT}.`,
    };
  }
  if (value > 0xffff) return { ok: false, error: `${input} is outside the 64K address space ($0000-$FFFF).` };
  return { ok: true, address: value };
}

function parseNumber(text: string): number | null {
  if (/^#\d{1,6}$/.test(text)) return Number(text.slice(1));
  const hex = /^(?:\$|0x)?([0-9A-Fa-f]{1,5})$/i.exec(text);
  return hex ? parseInt(hex[1] as string, 16) : null;
}
