// What a file of bytes becomes on a tape for the board: 65V monitor text is sent as typed (line ends as CR,
// which the monitor needs to step to the next address), a BASIC listing as the board's SAVE writes it (CR
// then NULs, so a slow board can digest each line), anything else byte for byte.
import { basicTextToBytes } from '../modem/kcs-encoder.ts';
import { parse65v } from './osi65v.ts';

export type TapeContentKind = 'raw' | 'basic' | '65v';

export interface TapeContent {
  kind: TapeContentKind;
  bytes: Uint8Array;
}

function isPlainText(data: Uint8Array): boolean {
  for (const byte of data) {
    if (byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

/** The kind a file looks like: 65V text (starts with `.` and replays without problems), a listing, or raw. */
export function detectTapeContent(data: Uint8Array): TapeContentKind {
  if (data.length === 0 || !isPlainText(data)) return 'raw';
  const text = new TextDecoder('latin1').decode(data);
  if (/^\s*\./.test(text) && parse65v(text.replace(/\r?\n/g, '\r')).problems.length === 0) return '65v';
  return 'basic';
}

/** The bytes to put on tape for `data` as `kind` ('auto' detects it); `nulls` pads each BASIC line. */
export function tapeContent(data: Uint8Array, kind: TapeContentKind | 'auto', nulls = 10): TapeContent {
  const chosen = kind === 'auto' ? detectTapeContent(data) : kind;
  const text = (): string => new TextDecoder('latin1').decode(data);
  switch (chosen) {
    case 'raw':
      return { kind: chosen, bytes: data };
    case '65v':
      return { kind: chosen, bytes: Uint8Array.from(text().replace(/\r?\n/g, '\r'), (c) => c.charCodeAt(0)) };
    case 'basic': {
      // The last line needs its RETURN too, or BASIC never takes it in.
      const listing = text();
      return {
        kind: chosen,
        bytes: basicTextToBytes(/[\r\n]$/.test(listing) ? listing : `${listing}\n`, { nulls }),
      };
    }
  }
}
