// Exports a library take: the original file as kept, a clean re-encoded WAV, the text listing, the raw bytes,
// 65V monitor text, Audacity labels (blocks and weak bytes), or one zip of all of them with a JSON manifest.
import { createHash } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { build65v } from '../../core/formats/osi65v.ts';
import { encodeWav } from '../../core/formats/wav.ts';
import { encodeKcs } from '../../core/modem/kcs-encoder.ts';
import { textListing } from '../tapes/tape-results.ts';
import { LibraryError, type Library } from './library.ts';

export const LIBRARY_EXPORT_FORMATS = ['original', 'wav', 'text', 'raw', '65v', 'labels', 'zip'] as const;
export type LibraryExportFormat = (typeof LIBRARY_EXPORT_FORMATS)[number];

export interface ExportOptions {
  /** Sample rate of the clean WAV (default 48,000 Hz). */
  rate?: number;
  /** Load address when bytes that are not 65V text are written as 65V (default $0200). */
  address?: number;
}

const SUFFIX: Record<Exclude<LibraryExportFormat, 'original'>, string> = {
  wav: '.clean.wav',
  text: '.txt',
  raw: '.bin',
  '65v': '.65v',
  labels: '.labels.txt',
  zip: '.zip',
};

/** The file name an export of a take gets. */
export function exportName(takeName: string, format: LibraryExportFormat): string {
  const base = takeName.replace(/\.[^.]*$/, '').replace(/[^\w.\- ()+]/g, '_') || 'take';
  return format === 'original' ? takeName.replace(/[/\\]/g, '_') : `${base}${SUFFIX[format]}`;
}

async function build(
  library: Library,
  takeId: number,
  format: LibraryExportFormat,
  options: ExportOptions,
): Promise<Uint8Array> {
  const content = library.content(takeId);
  const encoder = new TextEncoder();
  switch (format) {
    case 'original':
      return readFile(library.originalPath(takeId));
    case 'raw':
      return content.bytes;
    case 'text':
      return encoder.encode(textListing(content.bytes).text);
    case '65v': {
      const blocks = library.tape(library.takeTape(takeId)).takes.find((t) => t.id === takeId)?.blocks ?? [];
      if (blocks.length > 0 && blocks.every((b) => b.kind === '65v')) return content.bytes;
      if (blocks.some((b) => b.kind === 'basic')) {
        throw new LibraryError('This take is a BASIC listing, not machine code: export it as text instead.');
      }
      return encoder.encode(build65v({ address: options.address ?? 0x0200, bytes: content.bytes }));
    }
    case 'wav': {
      const rate = options.rate ?? 48000;
      if (!Number.isInteger(rate) || rate < 8000 || rate > 96000) {
        throw new LibraryError(`A clean WAV needs a sample rate from 8,000 to 96,000 Hz, not ${rate}.`);
      }
      return encodeWav([encodeKcs(content.bytes, { sampleRate: rate })], {
        sampleRate: rate,
        channels: 1,
        encoding: 'pcm16',
      });
    }
    case 'labels': {
      const rate = content.sampleRate;
      const tape = library.tape(library.takeTape(takeId));
      const take = tape.takes.find((t) => t.id === takeId);
      if (rate === null || !take) throw new LibraryError('Labels need a recording: this take has no audio.');
      const seconds = (sample: number): string => (sample / rate).toFixed(6);
      const lines = take.blocks.map(
        (b) =>
          `${seconds(b.startSample)}\t${seconds(b.endSample)}\t#${b.index + 1} ${b.kind}: ${b.preview}\n`,
      );
      const byteSamples = Math.round((rate * 11) / 300);
      for (const start of content.errorStarts)
        lines.push(`${seconds(start)}\t${seconds(start + byteSamples)}\tweak byte\n`);
      return encoder.encode(lines.join(''));
    }
    case 'zip':
      return buildZip(library, takeId, options);
  }
}

async function buildZip(library: Library, takeId: number, options: ExportOptions): Promise<Uint8Array> {
  const tape = library.tape(library.takeTape(takeId));
  const take = tape.takes.find((t) => t.id === takeId)!;
  const files: Record<string, Uint8Array> = {};
  const entries: { file: string; format: LibraryExportFormat; sha256: string; bytes: number }[] = [];
  const skipped: { format: LibraryExportFormat; reason: string }[] = [];
  for (const format of LIBRARY_EXPORT_FORMATS) {
    if (format === 'zip') continue;
    try {
      const data = await build(library, takeId, format, options);
      const file = exportName(take.name, format);
      files[file] = data;
      entries.push({
        file,
        format,
        sha256: createHash('sha256').update(data).digest('hex'),
        bytes: data.length,
      });
    } catch (error) {
      skipped.push({ format, reason: (error as Error).message });
    }
  }
  const { takes: _takes, ...tapeFields } = tape;
  const manifest = {
    manifest: 'superboard-lab-library-export',
    version: 1,
    exportedAt: new Date().toISOString(),
    tape: tapeFields,
    take,
    files: entries,
    skipped,
  };
  files['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  return zipSync(files, { level: 6 });
}

/**
 * Writes an export to `target` (through a temporary file beside it, unless `direct`: the target is itself a
 * temporary file the app recorded); returns the bytes written.
 */
export async function writeLibraryExport(
  library: Library,
  takeId: number,
  format: LibraryExportFormat,
  target: string,
  options: ExportOptions = {},
  direct = false,
): Promise<number> {
  const data = await build(library, takeId, format, options);
  if (direct) {
    await writeFile(target, data);
    return data.length;
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.part`);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return data.length;
}
