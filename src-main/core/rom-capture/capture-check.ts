/**
 * Checks a ROM capture: the raw bytes decoded from the board's cassette output (no NUL stripping, no bit-7
 * masking), each with its sample span. It finds what went wrong and where (a short capture, bytes the decoder
 * lost, framing errors), names the dump when its SHA-1 is a known one, and otherwise compares it byte for
 * byte with the closest reference whose bytes we may hold (the ROM the user has installed, or our own Lab
 * Monitor). Known dumps are identified by hash only: their bytes are never part of the app.
 */
import { sha1Hex } from '../machine/sha1.ts';
import { hex4, rangeLength, type CaptureRange } from './dump-programs.ts';

export interface CapturedByte {
  value: number;
  /** Sample span of the frame in the capture. */
  start: number;
  end: number;
  framingError: boolean;
}

/** Something to compare a capture with: a known dump (hash only) or bytes the user has (or we made). */
export interface ReferenceRom {
  name: string;
  sha1: string;
  size: number;
  /** The reference's bytes for the same range, when we may hold them (never a known dump's). */
  bytes?: Uint8Array;
}

export interface CaptureGap {
  /** Index of the byte received after the gap. */
  index: number;
  /** The address that byte most likely came from. */
  address: number;
  /** How many frames fit in the gap: bytes the decoder did not hear. */
  missing: number;
}

export interface DiffRun {
  address: number;
  length: number;
}

export interface CaptureDiff {
  against: string;
  /** How many bytes differ. */
  differing: number;
  /** The differing runs, in address order (at most MAX_DIFF_RUNS). */
  runs: DiffRun[];
  /** Runs beyond those listed. */
  moreRuns: number;
}

export interface CaptureCheck {
  range: CaptureRange;
  expected: number;
  received: number;
  /** SHA-1 of the bytes as received. */
  sha1: string;
  /** The reference whose SHA-1 (and size) the capture has, if any. */
  match: string | null;
  framingErrors: { index: number; address: number }[];
  gaps: CaptureGap[];
  /** Bytes missing at the end (after the last received byte), beyond those the gaps account for. */
  missingAtEnd: number;
  /** Byte for byte against the closest reference with bytes, when the capture is whole and matches none. */
  diff: CaptureDiff | null;
  /** Complete: the right length, no framing errors and no gaps. */
  complete: boolean;
  /** What went wrong, one sentence each, for people. */
  problems: string[];
}

export const MAX_DIFF_RUNS = 64;
/** A spacing between frames this many times the usual one holds at least one lost frame. */
const GAP_FACTOR = 1.6;

/** The usual start-to-start spacing of the frames (their median), or null with fewer than two. */
function frameSpacing(bytes: readonly CapturedByte[]): number | null {
  if (bytes.length < 2) return null;
  const spacings: number[] = [];
  for (let i = 1; i < bytes.length; i++)
    spacings.push((bytes[i] as CapturedByte).start - (bytes[i - 1] as CapturedByte).start);
  spacings.sort((a, b) => a - b);
  return spacings[Math.floor(spacings.length / 2)] as number;
}

function findGaps(bytes: readonly CapturedByte[], start: number): CaptureGap[] {
  const spacing = frameSpacing(bytes);
  if (spacing === null || spacing <= 0) return [];
  const gaps: CaptureGap[] = [];
  let lost = 0;
  for (let i = 1; i < bytes.length; i++) {
    const span = (bytes[i] as CapturedByte).start - (bytes[i - 1] as CapturedByte).start;
    if (span < spacing * GAP_FACTOR) continue;
    const missing = Math.max(1, Math.round(span / spacing) - 1);
    lost += missing;
    gaps.push({ index: i, address: start + i + lost, missing });
  }
  return gaps;
}

/** Where each received byte most likely came from, counting the bytes lost in the gaps before it. */
function addressesOf(count: number, start: number, gaps: readonly CaptureGap[]): number[] {
  const addresses: number[] = [];
  let lost = 0;
  let next = 0;
  for (let i = 0; i < count; i++) {
    while (next < gaps.length && (gaps[next] as CaptureGap).index === i)
      lost += (gaps[next++] as CaptureGap).missing;
    addresses.push(start + i + lost);
  }
  return addresses;
}

export function diffBytes(
  ours: Uint8Array,
  theirs: Uint8Array,
  start: number,
): { differing: number; runs: DiffRun[] } {
  const runs: DiffRun[] = [];
  let differing = 0;
  let run: DiffRun | null = null;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === theirs[i]) {
      run = null;
      continue;
    }
    differing++;
    if (run) run.length++;
    else {
      run = { address: start + i, length: 1 };
      runs.push(run);
    }
  }
  return { differing, runs };
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Checks `bytes` captured from `range` against `references` (known dumps and the user's own). */
export function checkCapture(
  bytes: readonly CapturedByte[],
  range: CaptureRange,
  references: readonly ReferenceRom[],
): CaptureCheck {
  const expected = rangeLength(range);
  const values = Uint8Array.from(bytes, (b) => b.value);
  const sha1 = sha1Hex(values);
  const gaps = findGaps(bytes, range.start);
  const addresses = addressesOf(bytes.length, range.start, gaps);
  const framingErrors = bytes.flatMap((b, index) =>
    b.framingError ? [{ index, address: addresses[index] as number }] : [],
  );
  const lostInGaps = gaps.reduce((n, g) => n + g.missing, 0);
  const missingAtEnd = Math.max(0, expected - bytes.length - lostInGaps);
  const match = references.find((r) => r.sha1 === sha1 && r.size === values.length)?.name ?? null;

  let diff: CaptureDiff | null = null;
  if (match === null && values.length === expected) {
    let best: (CaptureDiff & { runsAll: DiffRun[] }) | null = null;
    for (const reference of references) {
      if (reference.bytes?.length !== expected) continue;
      const { differing, runs } = diffBytes(values, reference.bytes, range.start);
      if (best === null || differing < best.differing)
        best = { against: reference.name, differing, runs: [], moreRuns: 0, runsAll: runs };
    }
    if (best) {
      diff = {
        against: best.against,
        differing: best.differing,
        runs: best.runsAll.slice(0, MAX_DIFF_RUNS),
        moreRuns: Math.max(0, best.runsAll.length - MAX_DIFF_RUNS),
      };
    }
  }

  const problems: string[] = [];
  if (bytes.length === 0) problems.push('Nothing was decoded: no byte came from the board.');
  else if (bytes.length > expected)
    problems.push(
      `${plural(bytes.length - expected, 'byte')} more than the ${expected} expected: something else was sent too.`,
    );
  for (const gap of gaps) {
    problems.push(
      `${plural(gap.missing, 'byte')} lost before ${hex4(gap.address)} (a gap after byte ${gap.index - 1}).`,
    );
  }
  if (bytes.length > 0 && missingAtEnd > 0) {
    const from = range.start + bytes.length + lostInGaps;
    problems.push(
      `Short by ${plural(missingAtEnd, 'byte')}: nothing arrived for ${hex4(from)}-${hex4(range.end)}.`,
    );
  }
  if (framingErrors.length > 0) {
    const where = framingErrors
      .slice(0, 8)
      .map((e) => hex4(e.address))
      .join(', ');
    problems.push(
      `${plural(framingErrors.length, 'framing error')} at ${where}${framingErrors.length > 8 ? ', …' : ''}: those bytes may be wrong.`,
    );
  }
  return {
    range,
    expected,
    received: bytes.length,
    sha1,
    match,
    framingErrors,
    gaps,
    missingAtEnd,
    diff,
    complete: bytes.length === expected && gaps.length === 0 && framingErrors.length === 0,
    problems,
  };
}

/** The verdict in one line: the known name, or unknown with its closest reference. */
export function verdict(check: CaptureCheck): string {
  if (check.match !== null) return `${check.match} (SHA-1 matches)`;
  if (check.received !== check.expected) return `incomplete: ${check.received} of ${check.expected} bytes`;
  if (check.diff === null) return 'unknown: its SHA-1 matches no known dump';
  return `unknown: ${plural(check.diff.differing, 'byte')} differ from ${check.diff.against} in ${plural(check.diff.runs.length + check.diff.moreRuns, 'place')}`;
}

/**
 * A reference for `range` cut from a whole image loaded at `base` (the installed monitor, our Lab Monitor),
 * or null when the range is not inside it.
 */
export function sliceReference(
  name: string,
  image: Uint8Array,
  base: number,
  range: CaptureRange,
): ReferenceRom | null {
  if (range.start < base || range.end >= base + image.length) return null;
  const bytes = image.slice(range.start - base, range.end - base + 1);
  return { name, sha1: sha1Hex(bytes), size: bytes.length, bytes };
}
