import { createReadStream, type ReadStream } from 'node:fs';
import path from 'node:path';

const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
};

export interface MediaResponse {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: ReadStream | null;
}

/**
 * Answers a GET for a media file with HTTP range support, so the renderer's audio element can seek in an
 * hour-long recording without loading it. Only single ranges are served, as media elements ask.
 */
export function serveMediaRange(
  filePath: string,
  size: number,
  range: string | undefined | null,
): MediaResponse {
  const base = {
    'Accept-Ranges': 'bytes',
    'Content-Type': AUDIO_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
  };
  if (!range) {
    return {
      status: 200,
      headers: { ...base, 'Content-Length': String(size) },
      body: createReadStream(filePath),
    };
  }
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = match?.[1] ? Number(match[1]) : NaN;
  let end = match?.[2] ? Number(match[2]) : size - 1;
  if (match && !match[1] && match[2]) {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  }
  end = Math.min(end, size - 1);
  if (!match || !Number.isSafeInteger(start) || start > end || start >= size) {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'Content-Length': String(end - start + 1),
      'Content-Range': `bytes ${start}-${end}/${size}`,
    },
    body: createReadStream(filePath, { start, end }),
  };
}
