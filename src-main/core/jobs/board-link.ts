/**
 * The real board's link to the farm: the frames the cloud driver (src-main/rom/cloud-driver.asm) and the
 * gateway exchange over the 300-baud cassette line, what a request asks for as farm jobs, and the answer
 * made from their results. See docs/cloud.md ("The real board").
 *
 * A frame is a start byte, a kind byte, a length byte, that many text bytes and a checksum: the sum, modulo
 * 256, of every byte between the start byte and the checksum. Requests (board to gateway) start with SOH
 * ($01), answers (gateway to board) with STX ($02). Bytes outside a frame (NULs, noise) are skipped.
 */
import type { Job, JobResult } from './job.ts';

export const REQUEST_START = 0x01;
export const ANSWER_START = 0x02;
/** The longest request line the driver sends, and the longest answer it takes. */
export const MAX_REQUEST = 72;
export const MAX_ANSWER = 255;
/** Answer kinds: the answer itself, or why there is none. */
export const ANSWER_OK = 0x4b; // 'K'
export const ANSWER_ERROR = 0x45; // 'E'
/** The request came damaged: the driver sends it again. */
export const ANSWER_RESEND = 0x52; // 'R'
/** The most emulated machines one request may ask for. */
export const MAX_MACHINES = 8;

export interface BoardFrame {
  readonly kind: number;
  readonly text: string;
}

export type FrameEvent =
  | { readonly type: 'frame'; readonly frame: BoardFrame }
  | { readonly type: 'bad-checksum'; readonly kind: number };

const checksum = (bytes: readonly number[]): number => bytes.reduce((sum, b) => (sum + b) & 0xff, 0);

/** A frame as bytes; text past `max` is cut and non-Latin-1 characters become '?'. */
export function encodeFrame(start: number, kind: number, text: string, max = MAX_ANSWER): Uint8Array {
  const body = [...text.slice(0, max)].map((c) => (c.charCodeAt(0) > 0xff ? 0x3f : c.charCodeAt(0)));
  const inner = [kind & 0xff, body.length, ...body];
  return Uint8Array.from([start, ...inner, checksum(inner)]);
}

/** Reads frames that start with `start` out of a byte stream, a byte at a time. */
export class FrameReader {
  readonly #start: number;
  #state: 'idle' | 'kind' | 'length' | 'body' | 'sum' = 'idle';
  #inner: number[] = [];
  #length = 0;

  constructor(start: number) {
    this.#start = start;
  }

  /** True while a frame has begun and not ended. */
  get inFrame(): boolean {
    return this.#state !== 'idle';
  }

  /** Forgets a frame begun (after a silence in the middle of it, say). */
  reset(): void {
    this.#state = 'idle';
    this.#inner = [];
  }

  push(byte: number): FrameEvent | null {
    switch (this.#state) {
      case 'idle':
        if (byte === this.#start) {
          this.#inner = [];
          this.#state = 'kind';
        }
        return null;
      case 'kind':
        this.#inner.push(byte);
        this.#state = 'length';
        return null;
      case 'length':
        this.#inner.push(byte);
        this.#length = byte;
        this.#state = byte === 0 ? 'sum' : 'body';
        return null;
      case 'body':
        this.#inner.push(byte);
        if (this.#inner.length === this.#length + 2) this.#state = 'sum';
        return null;
      case 'sum': {
        this.#state = 'idle';
        const kind = this.#inner[0] ?? 0;
        if (checksum(this.#inner) !== byte) return { type: 'bad-checksum', kind };
        return { type: 'frame', frame: { kind, text: String.fromCharCode(...this.#inner.slice(2)) } };
      }
    }
  }
}

/** What a request line asks the farm for, checked. */
export type BoardRequest =
  | { readonly kind: 'evaluate'; readonly expression: string }
  | { readonly kind: 'basic'; readonly machines: number; readonly line: string }
  | {
      readonly kind: 'machine-code';
      readonly machines: number;
      readonly address: number;
      readonly bytes: Uint8Array;
    };

/**
 * Reads a request frame: its kind is the first character the user typed, its text the rest of the line.
 * - `E expression`: evaluate with BASIC on one machine (`E 6*7`).
 * - `R [n] line`: run a BASIC line on n machines, 1 by default (`R 3 PRINT RND(1)`).
 * - `M [n] ADDR BYTE...`: put hex bytes at ADDR (four hex digits) and run them there, on n machines
 *   (`M 0300 A9 2A 60`).
 * The count n is one or two digits before the rest.
 * Returns the request or what is wrong with it, in words short enough for the board's screen.
 */
export function parseRequest(frame: BoardFrame): BoardRequest | string {
  const text = frame.text.trim();
  const kind = String.fromCharCode(frame.kind).toUpperCase();
  if (kind === 'E') {
    if (text === '') return 'E NEEDS AN EXPRESSION';
    return { kind: 'evaluate', expression: text };
  }
  const counted = /^(\d{1,2})\s+(.*)$/.exec(text);
  const machines = counted ? Number(counted[1]) : 1;
  const rest = counted ? (counted[2] ?? '') : text;
  if (machines < 1 || machines > MAX_MACHINES) return `1 TO ${MAX_MACHINES} MACHINES`;
  if (kind === 'R') {
    if (rest === '') return 'R NEEDS A BASIC LINE';
    return { kind: 'basic', machines, line: rest };
  }
  if (kind === 'M') {
    const words = rest.split(/\s+/);
    const address = /^[0-9A-F]{4}$/i.test(words[0] ?? '') ? Number.parseInt(words[0] ?? '', 16) : NaN;
    const bytes = words.slice(1);
    if (Number.isNaN(address) || bytes.length === 0 || !bytes.every((b) => /^[0-9A-F]{1,2}$/i.test(b)))
      return 'M NEEDS ADDR AND HEX BYTES';
    if (address + bytes.length > 0x10000) return 'M BYTES PAST $FFFF';
    return { kind: 'machine-code', machines, address, bytes: Uint8Array.from(bytes, (b) => parseInt(b, 16)) };
  }
  return `UNKNOWN REQUEST ${kind}: USE E, R OR M`;
}

const hex4 = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

/** The farm jobs for a request, one per machine, with ids `<prefix>-<n>` and seeds 1..n. */
export function requestJobs(request: BoardRequest, prefix: string): Job[] {
  const machines = request.kind === 'evaluate' ? 1 : request.machines;
  return Array.from({ length: machines }, (_, i): Job => {
    const common = { id: `${prefix}-${i + 1}`, seed: i + 1, wallSeconds: 60 };
    if (request.kind === 'machine-code') {
      let binary = '';
      for (const byte of request.bytes) binary += String.fromCharCode(byte);
      return {
        ...common,
        binary: { address: request.address, base64: btoa(binary), start: request.address },
        settled: true,
        seconds: 10,
      };
    }
    const line = request.kind === 'evaluate' ? `PRINT ${request.expression}` : request.line;
    return { ...common, basic: `10 ${line}\r`, type: 'RUN\r', settled: true, seconds: 20 };
  });
}

/**
 * What one job gave, as a line or two of text: for BASIC, what the program printed between RUN and the
 * next OK; for machine code, the last line on the screen.
 */
export function answerOf(request: BoardRequest, result: JobResult): { ok: boolean; text: string } {
  if (!result.ok) return { ok: false, text: shorten(result.error ?? result.reason) };
  const lines = (result.screen ?? '').split('\n').map((line) => line.trimEnd());
  if (request.kind === 'machine-code') {
    const last = lines.filter((line) => line.trim() !== '').pop() ?? '';
    return { ok: true, text: last.trim() };
  }
  const run = lines.lastIndexOf('RUN');
  if (run < 0) return { ok: false, text: 'NO RUN ON THE SCREEN' };
  const printed = lines.slice(run + 1);
  const ok = printed.indexOf('OK');
  return { ok: true, text: (ok < 0 ? printed : printed.slice(0, ok)).map((l) => l.trim()).join('\r') };
}

/** The answer for the board from every machine's result: one answer when they agree, else one line each. */
export function composeAnswer(request: BoardRequest, results: readonly JobResult[]): Uint8Array {
  const answers = results.map((result) => answerOf(request, result));
  const allOk = answers.every((a) => a.ok);
  const same = answers.every((a) => a.ok === answers[0]?.ok && a.text === answers[0]?.text);
  let text: string;
  if (answers.length <= 1 || same) {
    text = answers[0]?.text ?? '';
    if (answers.length > 1) text = `ALL ${answers.length}: ${text}`;
  } else text = answers.map((a, i) => `${i + 1}:${a.ok ? '' : '?'}${a.text}`).join('\r');
  return encodeFrame(ANSWER_START, allOk || !same ? ANSWER_OK : ANSWER_ERROR, text);
}

/** An error answer (a request the gateway could not read or run). */
export function errorAnswer(text: string): Uint8Array {
  return encodeFrame(ANSWER_START, ANSWER_ERROR, shorten(text));
}

/** Asks the driver to send its request again (it tries three times in all). */
export function resendAnswer(): Uint8Array {
  return encodeFrame(ANSWER_START, ANSWER_RESEND, '');
}

/** Error texts for a 24-column screen: upper case (BASIC-era boards), at most about three lines. */
function shorten(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim().toUpperCase();
  return clean.length > 70 ? `${clean.slice(0, 69)}~` : clean;
}

export const describeRequest = (request: BoardRequest): string =>
  request.kind === 'evaluate'
    ? `evaluate ${request.expression}`
    : request.kind === 'basic'
      ? `run "${request.line}" on ${request.machines}`
      : `run ${request.bytes.length} bytes at $${hex4(request.address)} on ${request.machines}`;
