// What the KCS receiver reports: events with sample positions, and its options.

export type KcsSegmentKind = 'silence' | 'carrier' | 'data' | 'gap';
export type KcsBitRole = 'start' | 'data' | 'parity' | 'stop';
export type KcsParity = 'none' | 'even' | 'odd';

/** A decoded byte. Sample positions count input samples from the first one pushed. */
export interface KcsByteEvent {
  type: 'byte';
  value: number;
  /** First sample of the start bit. */
  start: number;
  /** One past the last sample of the last stop bit. */
  end: number;
  framingError: boolean;
  /** Mean confidence of the frame's bit cells, 0..1. */
  confidence: number;
  /**
   * A frame slot inside data where the framer found no readable frame (a dropout, a start bit lost in
   * noise): the byte is its best guess, reported so nothing goes missing silently (also a framing error).
   */
  unreadable?: true;
  /** The frame's parity bit does not match its data (formats with parity only). */
  parityError?: true;
}

export interface KcsBitEvent {
  type: 'bit';
  value: 0 | 1;
  /** Decision margin (|mark - space| / (mark + space) of the normalised tone energies), 0..1. */
  confidence: number;
  start: number;
  end: number;
  role: KcsBitRole;
}

export interface KcsFramingErrorEvent {
  type: 'framing-error';
  start: number;
  end: number;
  value: number;
  /** Which stop bit was a 0 (1 or 2); 0 for an unreadable frame slot. */
  stopBit: number;
  unreadable?: true;
}

export interface KcsSegmentEvent {
  type: 'segment';
  kind: KcsSegmentKind;
  start: number;
  end: number;
}

/** Measured tones and rate, emitted when data starts and when the tape speed moves. */
export interface KcsCarrierEvent {
  type: 'carrier';
  sample: number;
  markHz: number;
  spaceHz: number;
  baud: number;
  /** Measured speed relative to nominal (1.05 = 5% fast). */
  speed: number;
}

/** A stretch of signal between silences of at least gapSeconds. */
export interface KcsRecordingEvent {
  type: 'recording';
  index: number;
  start: number;
  end: number;
  bytes: number;
  framingErrors: number;
}

export type KcsEvent =
  KcsByteEvent | KcsBitEvent | KcsFramingErrorEvent | KcsSegmentEvent | KcsCarrierEvent | KcsRecordingEvent;

export interface KcsDecoderOptions {
  sampleRate: number;
  /** Nominal baud rate (default 300). */
  baud?: 300 | 600;
  /** Stop bits per frame (default 2, the monitor's 8N2). */
  stopBits?: 1 | 2;
  /** Data bits per frame (default 8); 7-bit formats report values 0..127. */
  dataBits?: 7 | 8;
  /** A parity bit after the data (default 'none'); a frame may hold at most 11 cells (8E1, 7E2). */
  parity?: KcsParity;
  /** Emit a bit event per bit cell (default true). */
  bitEvents?: boolean;
  /** Cells below this confidence are counted in `lowConfidenceCells` (default 0.4). */
  lowConfidence?: number;
  /** A silence at least this long ends a recording; shorter ones are gaps (default 1 s). */
  gapSeconds?: number;
  /** Nominal tones; the loop tracks speed from these (defaults 2,400 and 1,200 Hz). */
  markHz?: number;
  spaceHz?: number;
}
