// Messages between the TapeService (main event loop) and a tape worker. One worker owns one open tape.
import type { TapeExportKind, TapeFormat, TapeSummary } from '../../ipc/contract.ts';
import type { PeaksResult } from '../../core/waveform/peaks.ts';
import type { Annotations, ByteSpan } from './tape-results.ts';

export interface TapeWorkerData {
  path: string;
  /** The file's name as the user gave it (an upload is stored under another). */
  name: string;
  /** Absent: the decoder picks the better channel of a stereo file. */
  channel?: number;
  /** The files a compressed tape spills to (TapeAnalysisOptions.spillFiles). */
  spillFiles: [string, string];
}

export type TapeQuery =
  | { op: 'peaks'; start: number; end: number; columns: number }
  | { op: 'annotations'; start: number; end: number; maxBits: number; maxBytes: number }
  | { op: 'content' }
  | { op: 'locate'; byte: number }
  | { op: 'locate'; sample: number }
  | { op: 'findError'; from: number; direction: 'next' | 'previous' }
  | { op: 'export'; kind: TapeExportKind; path: string }
  | { op: 'summary' }
  /** Releases the worker's files; the service terminates the worker after the reply. */
  | { op: 'close' };

export interface TapeContent {
  bytes: Uint8Array;
  errorIndices: number[];
  framingErrorIndices: number[];
  errorsTruncated: boolean;
}

export interface TapeQueryResults {
  peaks: PeaksResult;
  annotations: Annotations;
  content: TapeContent;
  locate: ByteSpan | null;
  findError: ByteSpan | null;
  export: { bytes: number };
  summary: TapeSummary;
  close: null;
}

export type TapeRequestMessage = TapeQuery & { id: number };

export type TapeWorkerMessage =
  | { type: 'format'; format: TapeFormat }
  | { type: 'progress'; frames: number; summary: TapeSummary }
  | { type: 'done'; format: TapeFormat; summary: TapeSummary }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };
