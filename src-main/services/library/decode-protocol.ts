// Messages between the library's decode pool and its worker threads.
import type { ResultsSummary } from '../tapes/tape-results.ts';

export interface DecodeJob {
  id: number;
  path: string;
}

/** One recording's decode: every byte with its confidence and sample span, and what the analysis measured. */
export interface AudioDecode {
  container: string;
  sampleRate: number;
  channels: number;
  channel: number;
  durationSeconds: number;
  summary: ResultsSummary;
  warnings: string[];
  bytes: Uint8Array;
  confidence: Uint8Array;
  starts: Float64Array;
  ends: Float64Array;
}

export type DecodeReply =
  { id: number; ok: true; decode: AudioDecode } | { id: number; ok: false; message: string };
