// What a file handed to the library is, by its name and first bytes: a recording, a BASIC listing, 65V monitor
// text or a raw binary. Text and binaries become their tape bytes here; recordings go to the decode pool.
import path from 'node:path';
import { detectKind } from '../../core/library/blocks.ts';
import { build65v } from '../../core/formats/osi65v.ts';
import { basicTextToBytes } from '../../core/modem/kcs-encoder.ts';
import { detectAudioContainer } from '../audio-files.ts';

export type SourceKind = 'audio' | 'basic' | '65v' | 'raw';

const EXTENSIONS: Record<string, SourceKind> = {
  '.wav': 'audio',
  '.flac': 'audio',
  '.ogg': 'audio',
  '.oga': 'audio',
  '.mp3': 'audio',
  '.bas': 'basic',
  '.txt': 'basic',
  '.65v': '65v',
  '.lod': '65v',
  '.bin': 'raw',
  '.raw': 'raw',
  '.obj': 'raw',
};

export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

const isText = (bytes: Uint8Array): boolean =>
  bytes.length > 0 &&
  bytes.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b === 0);

/**
 * Names the kind of a file from its name and its first bytes (up to 4 KiB); throws SourceError if none fits.
 * SourceError messages leave out the file's name: the import report puts it before them.
 */
export function identify(name: string, head: Uint8Array): SourceKind {
  const byName = EXTENSIONS[path.extname(name).toLowerCase()];
  const audio = ['audio', 'id3'].includes(detectAudioContainer(head).kind);
  if (byName === 'audio' || (byName === undefined && audio)) {
    if (!audio) throw new SourceError('named as a recording but not a WAV, FLAC, Ogg or MP3 file');
    return 'audio';
  }
  if (byName === 'raw') return 'raw';
  if (byName !== undefined) {
    if (!isText(head)) throw new SourceError('named as text (a listing or 65V) but holds binary bytes');
    return byName;
  }
  if (isText(head)) {
    const kind = detectKind(Uint8Array.from(head, (b) => (b === 0x0a ? 0x0d : b)));
    if (kind === 'basic' || kind === '65v') return kind;
  }
  throw new SourceError('neither a recording (WAV, FLAC, Ogg, MP3) nor a BASIC or 65V text');
}

/** The bytes a Superboard reads from the tape a text or binary file stands for. */
export function tapeBytes(
  kind: Exclude<SourceKind, 'audio'>,
  file: Uint8Array,
  rawAddress: number,
): Uint8Array {
  if (kind === 'raw') {
    if (file.length === 0) throw new SourceError('the file is empty');
    if (rawAddress + file.length > 0x10000) {
      throw new SourceError(
        `its ${file.length} bytes do not fit in memory from $${rawAddress.toString(16).padStart(4, '0')}`,
      );
    }
    return Uint8Array.from(build65v({ address: rawAddress, bytes: file }), (c) => c.charCodeAt(0));
  }
  const text = new TextDecoder('latin1').decode(file);
  if (kind === 'basic') {
    try {
      return basicTextToBytes(text.endsWith('\n') ? text : `${text}\n`);
    } catch (error) {
      throw new SourceError((error as Error).message);
    }
  }
  return Uint8Array.from(text.replace(/\r\n?|\n/g, '\r'), (c) => c.charCodeAt(0));
}
