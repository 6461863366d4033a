/**
 * A farm job: one run of an emulated Superboard, described as data (one JSON object per line of a JSON Lines
 * file, see docs/cloud.md), and its result. The same schema is checked wherever a job arrives: the CLI, the
 * app, a queue worker. ROMs are named only by SHA-1 (or "lab"), never by file, so a job cannot reach files
 * outside the worker's own ROM folder, and ROM bytes never travel in jobs.
 */
import * as v from 'valibot';

export const SHA1 = /^[0-9a-f]{40}$/;
const HEX_ADDRESS = /^(\$|0x)?[0-9a-f]{1,4}$/i;
/** A whole emulated hour is the most one job may ask for. */
export const MAX_JOB_CYCLES = 983_040 * 3600;
export const DEFAULT_JOB_SECONDS = 10;
export const DEFAULT_WALL_SECONDS = 60;
export const MAX_WALL_SECONDS = 3600;
const MAX_TEXT = 256 * 1024;

const Address = v.union(
  [
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff)),
    v.pipe(
      v.string(),
      v.regex(HEX_ADDRESS, 'a hex address such as "0300"'),
      v.transform((text) => Number.parseInt(text.replace(/^(\$|0x)/i, ''), 16)),
    ),
  ],
  'an address: 0-65535 or hex text such as "0300"',
);

const RomName = v.union(
  [v.literal('lab'), v.pipe(v.string(), v.toLowerCase(), v.regex(SHA1))],
  'the monitor is "lab" or a 40-digit SHA-1 of a ROM in the worker\'s ROM folder',
);
const BasicName = v.union(
  [v.literal('none'), v.literal('auto'), v.pipe(v.string(), v.toLowerCase(), v.regex(SHA1))],
  'BASIC is "none", "auto" or a 40-digit SHA-1 of a ROM in the worker\'s ROM folder',
);

const TypeStep = v.union([
  v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  v.strictObject({
    text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
    /** Type only once the screen shows this. */
    when: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1024))),
    /** Type no earlier than this machine cycle. */
    at: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_JOB_CYCLES))),
  }),
]);

const Positive = (max: number) => v.pipe(v.number(), v.minValue(0, 'must be 0 or more'), v.maxValue(max));

export const JobSchema = v.pipe(
  v.strictObject({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    basic: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
    '65v': v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT))),
    binary: v.optional(
      v.strictObject({
        address: Address,
        base64: v.pipe(v.string(), v.maxLength(MAX_TEXT), v.regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, 'base64')),
        /** Start it from the monitor (typed as 65V `.ADDRG`). */
        start: v.optional(Address),
      }),
    ),
    rom: v.optional(
      v.union([
        v.literal('lab'),
        v.strictObject({ monitor: v.optional(RomName), basic: v.optional(BasicName) }),
      ]),
    ),
    ram: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(40))),
    seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff_ffff))),
    type: v.optional(v.union([TypeStep, v.pipe(v.array(TypeStep), v.maxLength(256))])),
    until: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(1024))),
    /** Stop at the first settled screen once the program is loaded and the typing done. */
    settled: v.optional(v.boolean()),
    cycles: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_JOB_CYCLES))),
    seconds: v.optional(Positive(3600)),
    wallSeconds: v.optional(v.pipe(Positive(MAX_WALL_SECONDS), v.minValue(0.001))),
    returns: v.optional(
      v.strictObject({
        screen: v.optional(v.picklist(['visible', 'full', 'none'])),
        acia: v.optional(v.boolean()),
        memory: v.optional(
          v.pipe(
            v.array(
              v.strictObject({
                start: Address,
                length: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(0x10000)),
              }),
            ),
            v.maxLength(64),
          ),
        ),
      }),
    ),
  }),
  v.check(
    (job) => [job.basic, job['65v'], job.binary].filter((x) => x !== undefined).length <= 1,
    'a job loads at most one of basic, 65v and binary',
  ),
);

export type Job = v.InferOutput<typeof JobSchema>;
export type TypeStepInput = v.InferOutput<typeof TypeStep>;

export type StopReason =
  /** The cycle (or machine-seconds) limit was reached. */
  | 'limit'
  /** The screen showed the job's `until` text. */
  | 'text'
  /** With `settled`, the screen stopped changing once the loading and the typing were done. */
  | 'settled'
  /** The CPU executed a jamming opcode. */
  | 'jammed'
  /** The job ran past its wall-clock limit. */
  | 'wall-time'
  /** The job's `until` text never showed within the limit. */
  | 'text-not-shown'
  /** The job was refused before it ran (malformed, ROM missing, untypeable text). */
  | 'invalid'
  /** The thread or process running it died. */
  | 'crashed';

export interface MemoryDump {
  readonly start: number;
  /** The bytes as hex, two digits each. */
  readonly hex: string;
}

export interface JobResult {
  /** The job's id; null when a line had no usable id (then `line` says which). */
  readonly id: string | null;
  readonly line?: number | undefined;
  readonly ok: boolean;
  readonly error?: string | undefined;
  readonly reason: StopReason;
  readonly screen?: string | undefined;
  readonly cycles?: number | undefined;
  /** Machine time: cycles at 983,040 Hz. */
  readonly seconds?: number | undefined;
  /** Each byte the ACIA sent, as the character with that code (so NULs show as \u0000). */
  readonly acia?: string | undefined;
  readonly memory?: readonly MemoryDump[] | undefined;
  /** The ROMs it ran on, by name and SHA-1. */
  readonly roms?: string | undefined;
  readonly wallMs?: number | undefined;
}

export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 4)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export type ParsedJob = { ok: true; job: Job } | { ok: false; result: JobResult };

/** Checks one job (already parsed from JSON); a bad job gives a failed result that names what is wrong. */
export function validateJob(value: unknown, line?: number): ParsedJob {
  const parsed = v.safeParse(JobSchema, value);
  if (parsed.success) return { ok: true, job: parsed.output };
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const id = typeof record.id === 'string' && record.id.length > 0 ? record.id.slice(0, 200) : null;
  return {
    ok: false,
    result: { id, line, ok: false, reason: 'invalid', error: `bad job: ${describeIssues(parsed.issues)}` },
  };
}

/** One line of a JSON Lines file: blank lines give null. */
export function parseJobLine(text: string, line: number): ParsedJob | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      result: {
        id: null,
        line,
        ok: false,
        reason: 'invalid',
        error: `line ${line} is not JSON: ${(error as Error).message}`,
      },
    };
  }
  return validateJob(value, line);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 (whitespace ignored); throws RangeError on a character outside the alphabet. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const char of clean) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new RangeError(`'${char}' is not base64`);
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}
