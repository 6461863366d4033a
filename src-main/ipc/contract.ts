import * as v from 'valibot';

/**
 * The one IPC contract of Superboard Lab. Every request/response method and every main-to-renderer event is
 * declared here once, with a runtime schema; the TypeScript types, both transports, the preload and the
 * validators in main are all derived from it.
 */

const NoInput = v.nullish(v.strictObject({}));

export const FileIdSchema = v.pipe(v.string(), v.regex(/^[a-z0-9-]{8,64}$/, 'not a file id'));

export const FileRefSchema = v.strictObject({
  fileId: FileIdSchema,
  name: v.string(),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type FileRef = v.InferOutput<typeof FileRefSchema>;

export const FilePurposeSchema = v.picklist(['tape', 'rom', 'state', 'any']);
export type FilePurpose = v.InferOutput<typeof FilePurposeSchema>;

/** User labels live in settings.json, which the store refuses past 64K: keep them well inside that. */
export const MAX_LABEL_TEXT = 40_000;

export const SettingsSchema = v.strictObject({
  screen: v.strictObject({
    /** Crop the 32x32 video RAM to the window a TV shows. */
    crop: v.boolean(),
    /** Integer pixel scale; 0 picks the largest that fits. */
    scale: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8)),
  }),
  layout: v.strictObject({
    /** Fractions of the window given to the left column and to the top row, 0.15..0.85. */
    columnSplit: v.pipe(v.number(), v.minValue(0.15), v.maxValue(0.85)),
    rowSplit: v.pipe(v.number(), v.minValue(0.15), v.maxValue(0.85)),
    maximized: v.nullable(v.picklist(['screen', 'waveform', 'memory', 'library'])),
  }),
  machine: v.strictObject({
    ramKb: v.picklist([4, 8, 12, 16, 20, 24, 32, 40]),
  }),
  memory: v.strictObject({
    /** How long the heatmap takes to fade, in milliseconds. */
    fadeMs: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(10_000)),
    /** The user's labels as VICE label file text, per ROM set (`memory.labels` names the current one). */
    labels: v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(100)), v.string()),
      v.check(
        (record) => Object.values(record).reduce((sum, text) => sum + text.length, 0) <= MAX_LABEL_TEXT,
        `at most ${MAX_LABEL_TEXT} characters of labels in all (about 1,500 labels)`,
      ),
    ),
  }),
  /** The sound devices last chosen, by name (null: the default device). */
  audio: v.strictObject({
    input: v.nullable(v.pipe(v.string(), v.maxLength(200))),
    output: v.nullable(v.pipe(v.string(), v.maxLength(200))),
  }),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  screen: { crop: false, scale: 0 },
  layout: { columnSplit: 0.6, rowSplit: 0.72, maximized: null },
  machine: { ramKb: 8 },
  memory: { fadeMs: 1000, labels: {} },
  audio: { input: null, output: null },
};

/** A settings change: any subset of the sections, each section partial. */
export const SettingsPatchSchema = v.strictObject({
  screen: v.optional(v.partial(SettingsSchema.entries.screen)),
  layout: v.optional(v.partial(SettingsSchema.entries.layout)),
  machine: v.optional(v.partial(SettingsSchema.entries.machine)),
  memory: v.optional(v.partial(SettingsSchema.entries.memory)),
  audio: v.optional(v.partial(SettingsSchema.entries.audio)),
});
export type SettingsPatch = v.InferOutput<typeof SettingsPatchSchema>;

export const AppInfoSchema = v.strictObject({
  name: v.string(),
  version: v.string(),
  host: v.picklist(['electron', 'browser']),
  platform: v.string(),
  arch: v.string(),
  node: v.string(),
  electron: v.nullable(v.string()),
  userDataDir: v.string(),
});
export type AppInfo = v.InferOutput<typeof AppInfoSchema>;

export const FileDescriptionSchema = v.strictObject({
  ...FileRefSchema.entries,
  kind: v.picklist(['wav', 'flac', 'ogg', 'mp3', 'rom', 'state', 'unknown']),
  sha1: v.string(),
});
export type FileDescription = v.InferOutput<typeof FileDescriptionSchema>;

// ---- App, settings and files ----

export const appRequests = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.set': { input: SettingsPatchSchema, output: SettingsSchema },
  /**
   * Electron only: the native open dialog, for files or (`folders`) for folders. The browser host uploads
   * instead (HTTP POST /upload).
   */
  'files.openDialog': {
    input: v.strictObject({
      purpose: FilePurposeSchema,
      multiple: v.optional(v.boolean()),
      folders: v.optional(v.boolean()),
    }),
    output: v.strictObject({ files: v.array(FileRefSchema) }),
  },
  'files.describe': { input: v.strictObject({ fileId: FileIdSchema }), output: FileDescriptionSchema },
  /**
   * Browser host: names an upload before it starts (its POST /upload then gives `fileId`), so a tape can be
   * opened and decoded while the bytes arrive. Reservations not started within a minute are dropped.
   */
  'files.reserveUpload': {
    input: v.strictObject({
      name: v.pipe(v.string(), v.maxLength(1024)),
      size: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    }),
    output: FileRefSchema,
  },
} as const;

export const appEvents = {
  'settings.changed': SettingsSchema,
} as const;

// ---- Tapes: decoding, peaks and annotations for the Waveform area ----

export const TapeIdSchema = v.pipe(v.string(), v.regex(/^tape-[a-z0-9-]{4,64}$/, 'not a tape id'));

/** A sample position in the analysed channel (0 = the first sample of the file). */
const SamplePosition = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 48));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
/** Where an export went: a download (browser host), or the file Electron's save dialog chose (null: cancelled). */
const ExportedSchema = v.strictObject({
  fileName: v.string(),
  bytes: Count,
  download: v.nullable(FileRefSchema),
  savedAs: v.nullable(v.string()),
});

export const TapeFormatSchema = v.strictObject({
  container: v.picklist(['wav', 'flac', 'ogg-flac', 'ogg-vorbis', 'mp3']),
  sampleRate: v.pipe(v.number(), v.integer(), v.minValue(1)),
  channels: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** The channel decoded and drawn. */
  channel: v.pipe(v.number(), v.integer(), v.minValue(0)),
  bitsPerSample: v.nullable(v.number()),
  /** Frames per channel when the header says so; null until analysis has counted them. */
  frames: v.nullable(Count),
});
export type TapeFormat = v.InferOutput<typeof TapeFormatSchema>;

export const TapeRecordingSchema = v.strictObject({
  index: Count,
  start: SamplePosition,
  end: SamplePosition,
  bytes: Count,
  framingErrors: Count,
});
export type TapeRecording = v.InferOutput<typeof TapeRecordingSchema>;

export const TapeSummarySchema = v.strictObject({
  /** Frames analysed (the whole file once analysis is done). */
  frames: Count,
  durationSeconds: v.pipe(v.number(), v.minValue(0)),
  bytes: Count,
  bits: Count,
  framingErrors: Count,
  /** Bytes whose parity bit was wrong (tape formats with parity). */
  parityErrors: Count,
  /** Bit cells whose decision margin was below the low-confidence threshold. */
  lowConfidenceBits: Count,
  /** The tape format decoded, e.g. '300 baud 8N2 (detected)'; null until known. */
  tapeFormat: v.nullable(v.string()),
  /** Measured mark and space tones and baud rate, averaged over data; null when no data was found. */
  markHz: v.nullable(v.number()),
  spaceHz: v.nullable(v.number()),
  baud: v.nullable(v.number()),
  /** Tape speed error in percent (+2.5 = 2.5% fast), averaged over data. */
  speedDeviationPercent: v.nullable(v.number()),
  recordings: v.array(TapeRecordingSchema),
  /** Problems in the file itself (damaged or truncated audio). */
  warnings: v.array(v.string()),
});
export type TapeSummary = v.InferOutput<typeof TapeSummarySchema>;

export const TapeStateSchema = v.picklist(['analysing', 'done', 'failed']);

export const TapeInfoSchema = v.strictObject({
  tapeId: TapeIdSchema,
  fileId: FileIdSchema,
  name: v.string(),
  format: TapeFormatSchema,
  state: TapeStateSchema,
  /** Progress so far while analysing, the final figures when done. */
  summary: TapeSummarySchema,
  error: v.nullable(v.string()),
});
export type TapeInfo = v.InferOutput<typeof TapeInfoSchema>;

const SampleRange = {
  tapeId: TapeIdSchema,
  start: SamplePosition,
  end: SamplePosition,
};

const NumberList = v.array(v.number());

export const TapePeaksSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('peaks'),
    start: SamplePosition,
    end: SamplePosition,
    /** Min and max of each column, -1..1. */
    min: NumberList,
    max: NumberList,
  }),
  v.strictObject({
    kind: v.literal('raw'),
    start: SamplePosition,
    /** The samples themselves, -1..1 (short ranges only). */
    samples: NumberList,
  }),
]);
export type TapePeaks = v.InferOutput<typeof TapePeaksSchema>;

export const TAPE_MAX_COLUMNS = 20000;
export const TAPE_MAX_ANNOTATED_BITS = 20000;

export const SegmentKindSchema = v.picklist(['silence', 'carrier', 'data', 'gap']);

/** Annotations in a sample range, as parallel lists (one entry per item in each list). */
export const TapeAnnotationsSchema = v.strictObject({
  start: SamplePosition,
  end: SamplePosition,
  bits: v.strictObject({
    start: NumberList,
    end: NumberList,
    value: NumberList,
    /** Decision margin 0..1, in steps of 1/127. */
    confidence: NumberList,
  }),
  bytes: v.strictObject({
    /** Position of the byte in the decoded stream. */
    index: NumberList,
    start: NumberList,
    end: NumberList,
    value: NumberList,
    /** 1 when the stop bits were wrong. */
    framingError: NumberList,
    /** 1 when a bit of the frame was low-confidence. */
    lowConfidence: NumberList,
  }),
  segments: v.array(v.strictObject({ kind: SegmentKindSchema, start: SamplePosition, end: SamplePosition })),
  /** Bytes with a framing error or a low-confidence bit in the range (at most 2,000), at any zoom. */
  errors: v.strictObject({ start: NumberList, end: NumberList, framing: NumberList }),
  /** True when the range held more bits, bytes or errors than asked for; the lists then stop early. */
  truncated: v.boolean(),
});
export type TapeAnnotations = v.InferOutput<typeof TapeAnnotationsSchema>;

export const TapeByteSpanSchema = v.strictObject({
  index: Count,
  start: SamplePosition,
  end: SamplePosition,
  value: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255)),
  framingError: v.boolean(),
  lowConfidence: v.boolean(),
});
export type TapeByteSpan = v.InferOutput<typeof TapeByteSpanSchema>;

/** Browser host: GET <TAPE_EXPORT_PATH><fileId>?token= downloads an export registered by tape.export. */
export const TAPE_EXPORT_PATH = '/export/';

export const TapeExportKindSchema = v.picklist(['bytes', 'text', 'wav', 'labels']);
export type TapeExportKind = v.InferOutput<typeof TapeExportKindSchema>;

export const tapeRequests = {
  /** Starts analysing a registered audio file; answers once its format is known. */
  'tape.open': {
    input: v.strictObject({
      fileId: FileIdSchema,
      channel: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(63))),
    }),
    output: TapeInfoSchema,
  },
  'tape.info': { input: v.strictObject({ tapeId: TapeIdSchema }), output: TapeInfoSchema },
  'tape.close': { input: v.strictObject({ tapeId: TapeIdSchema }), output: v.strictObject({}) },
  /** Min/max per column of samples [start, end); short ranges come back as raw samples. */
  'tape.peaks': {
    input: v.strictObject({
      ...SampleRange,
      columns: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(TAPE_MAX_COLUMNS)),
    }),
    output: TapePeaksSchema,
  },
  /** Bit cells, bytes and segments overlapping samples [start, end). */
  'tape.annotations': {
    input: v.strictObject({
      ...SampleRange,
      maxBits: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(TAPE_MAX_ANNOTATED_BITS)),
      ),
      /** Bytes to list at most (default maxBits / 8), so a zoomed-out view can have bytes without bits. */
      maxBytes: v.optional(
        v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(TAPE_MAX_ANNOTATED_BITS)),
      ),
    }),
    output: TapeAnnotationsSchema,
  },
  /** The decoded bytes and the count of NULs among them (bit 7 cleared), which the text view hides. */
  'tape.content': {
    input: v.strictObject({ tapeId: TapeIdSchema }),
    output: v.strictObject({
      bytesBase64: v.string(),
      nulCount: Count,
      /** Indices of bytes with a framing error or a low-confidence bit (at most 10,000). */
      errorIndices: NumberList,
      /** The subset of errorIndices with a framing error. */
      framingErrorIndices: NumberList,
      errorsTruncated: v.boolean(),
    }),
  },
  /** Where a byte is: by its index, or the byte at (or nearest after) a sample position. */
  'tape.locate': {
    input: v.union([
      v.strictObject({ tapeId: TapeIdSchema, byte: Count }),
      v.strictObject({ tapeId: TapeIdSchema, sample: SamplePosition }),
    ]),
    output: v.nullable(TapeByteSpanSchema),
  },
  /** The next or previous byte with a framing error or a low-confidence bit, from a sample position. */
  'tape.findError': {
    input: v.strictObject({
      tapeId: TapeIdSchema,
      from: SamplePosition,
      direction: v.picklist(['next', 'previous']),
    }),
    output: v.nullable(TapeByteSpanSchema),
  },
  /**
   * Browser host: the export is registered as a file for download (GET /export/<fileId>?token=).
   * Electron: the host's save dialog picks the place; `savedAs` names it (null when cancelled).
   */
  'tape.export': {
    input: v.strictObject({ tapeId: TapeIdSchema, kind: TapeExportKindSchema }),
    output: ExportedSchema,
  },
} as const;

export const tapeEvents = {
  'tape.progress': v.strictObject({
    tapeId: TapeIdSchema,
    /** 0..1 when the length is known, else null. */
    fraction: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    summary: TapeSummarySchema,
  }),
  /** Analysis finished; `format` is final (the channel the decoder chose, the frames counted). */
  'tape.analyzed': v.strictObject({
    tapeId: TapeIdSchema,
    format: TapeFormatSchema,
    summary: TapeSummarySchema,
  }),
  'tape.failed': v.strictObject({ tapeId: TapeIdSchema, message: v.string() }),
} as const;

// ---- The emulated machine ----

const Hex16 = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff));

export const MachineSpeedSchema = v.picklist(['1x', '2x', '4x', 'max']);
export type MachineSpeed = v.InferOutput<typeof MachineSpeedSchema>;

export const RomInfoSchema = v.strictObject({
  /** The known dump's name, "unknown monitor", or "Lab Monitor" for our own. */
  name: v.string(),
  sha1: v.string(),
  known: v.boolean(),
});
export type RomInfo = v.InferOutput<typeof RomInfoSchema>;

export const WatchKindSchema = v.picklist(['read', 'write', 'access']);

export const MachineStatusSchema = v.strictObject({
  running: v.boolean(),
  paused: v.boolean(),
  jammed: v.boolean(),
  speed: MachineSpeedSchema,
  /** Emulated cycles per wall-clock second over the last interval, as a multiple of the real 983,040 Hz. */
  effectiveSpeed: v.number(),
  cycles: v.number(),
  frame: v.number(),
  pc: Hex16,
  a: v.number(),
  x: v.number(),
  y: v.number(),
  s: v.number(),
  p: v.number(),
  shiftLock: v.boolean(),
  typingPending: v.number(),
  ramKb: v.number(),
  monitor: RomInfoSchema,
  basic: v.nullable(RomInfoSchema),
  /** Why the machine last stopped on its own (breakpoint, JAM), for the status line. */
  message: v.nullable(v.string()),
  /** The cassette port: a tape playing into the ACIA, and whether its output is being recorded. */
  tape: v.strictObject({ playing: v.nullable(v.string()), recording: v.boolean() }),
  /** Breakpoint addresses, ascending. */
  breakpoints: v.array(Hex16),
  /** Watchpoints: the machine pauses after an instruction that reads or writes one of these addresses. */
  watchpoints: v.array(v.strictObject({ address: Hex16, kind: WatchKindSchema })),
  /** The address a `machine.runTo` is running to, until it gets there or is cancelled. */
  runTo: v.nullable(Hex16),
});
export type MachineStatus = v.InferOutput<typeof MachineStatusSchema>;

export const MachineKeySchema = v.strictObject({
  code: v.pipe(v.string(), v.maxLength(32)),
  key: v.pipe(v.string(), v.maxLength(32)),
  ctrlKey: v.optional(v.boolean()),
  down: v.boolean(),
});

export const machineRequests = {
  'machine.status': { input: NoInput, output: MachineStatusSchema },
  'machine.control': {
    input: v.strictObject({ action: v.picklist(['power', 'reset', 'pause', 'resume', 'step']) }),
    output: MachineStatusSchema,
  },
  'machine.setSpeed': { input: v.strictObject({ speed: MachineSpeedSchema }), output: MachineStatusSchema },
  /** A host key going down or up; `handled` is false for keys the Superboard has no equivalent of. */
  'machine.key': { input: MachineKeySchema, output: v.strictObject({ handled: v.boolean() }) },
  'machine.toggleShiftLock': { input: NoInput, output: MachineStatusSchema },
  /** Types text through the keyboard matrix, each key held long enough for the ROM's debouncer. */
  'machine.type': {
    input: v.strictObject({ text: v.pipe(v.string(), v.maxLength(65_536)) }),
    output: v.strictObject({ queued: v.number() }),
  },
  /** Side-effect-free reads for the inspector. */
  'machine.peek': {
    input: v.strictObject({
      start: Hex16,
      length: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(0x10000)),
    }),
    output: v.strictObject({ start: Hex16, bytes: v.string() }),
  },
  /**
   * Chooses ROMs from opened files (null monitor: the Lab Monitor; no BASIC: none; 'current': keep what is
   * in use). BASIC is one 8K file or four 2K files in address order. Checked before anything changes.
   */
  'machine.setRoms': {
    input: v.strictObject({
      monitor: v.union([v.nullable(FileIdSchema), v.literal('current')]),
      basic: v.union([v.pipe(v.array(FileIdSchema), v.maxLength(4)), v.literal('current')]),
    }),
    output: MachineStatusSchema,
  },
  /** The whole machine as a versioned JSON text (docs/machine-state.md) and a file name to save it under. */
  'machine.saveState': {
    input: NoInput,
    output: v.strictObject({ name: v.string(), text: v.string() }),
  },
  /** Restores a saved state from an opened file; a bad or mismatched file changes nothing. */
  'machine.loadState': { input: v.strictObject({ fileId: FileIdSchema }), output: MachineStatusSchema },
  /** Runs (resuming if paused) until the CPU is about to execute `address`, then pauses. */
  'machine.runTo': { input: v.strictObject({ address: Hex16 }), output: MachineStatusSchema },
  /** Replaces the breakpoints (an empty list clears them); the list is in the status. */
  'machine.setBreakpoints': {
    input: v.strictObject({ addresses: v.pipe(v.array(Hex16), v.maxLength(256)) }),
    output: MachineStatusSchema,
  },
  /** Replaces the watchpoints; while any is set the machine runs its slower, watching loop. */
  'machine.setWatchpoints': {
    input: v.strictObject({
      watchpoints: v.pipe(
        v.array(v.strictObject({ address: Hex16, kind: WatchKindSchema })),
        v.maxLength(256),
      ),
    }),
    output: MachineStatusSchema,
  },
} as const;

/** The cassette deck wired to the emulated machine's cassette port. */
export const tapeDeckRequests = {
  /** Plays a recording (decoded as KCS) or a file of bytes (65V or BASIC text) into the ACIA. */
  'machine.tapePlay': {
    input: v.strictObject({ fileId: FileIdSchema, speed: v.picklist(['tape', 'fast']) }),
    output: v.strictObject({
      name: v.string(),
      bytes: v.number(),
      audio: v.boolean(),
      warnings: v.array(v.string()),
    }),
  },
  'machine.tapeStop': { input: NoInput, output: MachineStatusSchema },
  /** Starts recording the ACIA's output as KCS audio, or stops and returns the WAV file. */
  'machine.tapeRecord': {
    input: v.strictObject({ action: v.picklist(['start', 'stop']) }),
    output: v.strictObject({ file: v.nullable(FileRefSchema), bytes: v.number() }),
  },
} as const;

export const machineEvents = {
  /** Video RAM after a frame in which it changed, base64; at most 60 a second. */
  'machine.frame': v.strictObject({ frame: v.number(), video: v.string() }),
  'machine.status': MachineStatusSchema,
} as const;

// ---- The memory inspector ----

const ByteValue = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xff));
/** Most bytes one snapshot carries in its ranges: the hex view's rows and the disassembly's window. */
export const MAX_SNAPSHOT_BYTES = 4096;
export const MAX_SNAPSHOT_RATE = 30;

/** What the Memory area shows now: the worker sends a `memory.snapshot` of exactly this, at most 30 a second. */
export const InspectViewSchema = v.strictObject({
  /** Count reads, writes and executes per byte and the last writer (the machine runs its slower loop). */
  recording: v.boolean(),
  /** Carry the heatmap's bit planes (what was read, written, executed since the last snapshot). */
  heatmap: v.boolean(),
  /** Carry registers, stack, zero page and the I/O registers (peeked). */
  io: v.boolean(),
  ranges: v.pipe(
    v.array(
      v.strictObject({
        start: Hex16,
        length: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SNAPSHOT_BYTES)),
      }),
    ),
    v.maxLength(8),
    v.check(
      (ranges) => ranges.reduce((sum, r) => sum + r.length, 0) <= MAX_SNAPSHOT_BYTES,
      `at most ${MAX_SNAPSHOT_BYTES} bytes in all`,
    ),
  ),
  /** Snapshots a second. */
  rate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SNAPSHOT_RATE))),
});
export type InspectView = v.InferOutput<typeof InspectViewSchema>;

export const IoSnapshotSchema = v.strictObject({
  cycles: v.number(),
  pc: Hex16,
  a: ByteValue,
  x: ByteValue,
  y: ByteValue,
  s: ByteValue,
  p: ByteValue,
  /** From S+1 up to $01FF. */
  stack: v.pipe(v.array(ByteValue), v.maxLength(256)),
  returns: v.pipe(v.array(v.strictObject({ slot: Hex16, jsrAt: Hex16, target: Hex16 })), v.maxLength(256)),
  zeroPage: v.pipe(v.array(ByteValue), v.length(256)),
  acia: v.strictObject({
    status: ByteValue,
    data: ByteValue,
    control: ByteValue,
    flags: v.array(v.string()),
  }),
  keyboardLatch: ByteValue,
  loadFlag: ByteValue,
  saveFlag: ByteValue,
  cursorColumn: ByteValue,
});
export type IoSnapshot = v.InferOutput<typeof IoSnapshotSchema>;

export const AccessInfoSchema = v.strictObject({
  address: Hex16,
  value: ByteValue,
  reads: v.number(),
  writes: v.number(),
  executes: v.number(),
  /** The instruction that last wrote the byte while recording, or null. */
  lastWriterPc: v.nullable(Hex16),
  /** How many CPU cycles ago that write was, or null. */
  cyclesAgo: v.nullable(v.number()),
  /** The instruction that last read the byte while recording (an opcode fetch counts), or null. */
  lastReaderPc: v.nullable(Hex16),
  recording: v.boolean(),
});
export type AccessInfo = v.InferOutput<typeof AccessInfoSchema>;

const LabelSchema = v.strictObject({ address: Hex16, name: v.string() });

export const memoryRequests = {
  /** Says what the Memory area shows (null: nothing, the inspector is closed; recording stops). */
  'memory.inspect': {
    input: v.strictObject({ view: v.nullable(InspectViewSchema) }),
    output: v.strictObject({ recording: v.boolean() }),
  },
  /** One byte: its value (peeked), access counts and last writer. */
  'memory.access': { input: v.strictObject({ address: Hex16 }), output: AccessInfoSchema },
  /** The whole access map for export: three little-endian Uint32 arrays of 65,536 counts, base64. */
  'memory.accessMap': {
    input: NoInput,
    output: v.strictObject({ reads: v.string(), writes: v.string(), executes: v.string() }),
  },
  /** Zeroes the access counts and last writers, to bracket an experiment. */
  'memory.resetCounts': { input: NoInput, output: v.strictObject({ recording: v.boolean() }) },
  /** Writes a byte as the debugger (not the CPU); returns the byte before and what reads back after. */
  'memory.poke': {
    input: v.strictObject({ address: Hex16, value: ByteValue }),
    output: v.strictObject({ address: Hex16, before: ByteValue, after: ByteValue }),
  },
  /** The labels that come with the running ROMs and the key their user labels are kept under. */
  'memory.labels': {
    input: NoInput,
    output: v.strictObject({ romSet: v.string(), builtin: v.array(LabelSchema) }),
  },
} as const;

export const memoryEvents = {
  /** What `memory.inspect` asked for; heat is 3 x 8,192 bytes of bit planes (reads, writes, executes), base64. */
  'memory.snapshot': v.strictObject({
    cycles: v.number(),
    heat: v.nullable(v.string()),
    ranges: v.array(v.strictObject({ start: Hex16, bytes: v.string() })),
    io: v.nullable(IoSnapshotSchema),
  }),
} as const;

// ---- The sound card ----

export const AudioDeviceSchema = v.strictObject({
  name: v.string(),
  channels: v.number(),
  sampleRates: v.array(v.number()),
  preferredSampleRate: v.number(),
  isDefault: v.boolean(),
});
export type AudioDeviceInfo = v.InferOutput<typeof AudioDeviceSchema>;

const DeviceNameSchema = v.pipe(v.string(), v.maxLength(200));

export const audioRequests = {
  /** The inputs and outputs by name; `problem` says why there are none (no sound server, no library). */
  'audio.devices': {
    input: NoInput,
    output: v.strictObject({
      inputs: v.array(AudioDeviceSchema),
      outputs: v.array(AudioDeviceSchema),
      problem: v.nullable(v.string()),
    }),
  },
  /** Starts or stops listening to an input for its level (and carrier); levels arrive as audio.level. */
  'audio.monitor': {
    input: v.strictObject({ action: v.picklist(['start', 'stop']), device: v.optional(DeviceNameSchema) }),
    output: v.strictObject({ device: v.nullable(v.string()), sampleRate: v.nullable(v.number()) }),
  },
  /** Plays the KCS mark tone (2,400 Hz) to an output for a few seconds, to set the board's volume. */
  'audio.testTone': {
    input: v.strictObject({
      device: DeviceNameSchema,
      seconds: v.pipe(v.number(), v.minValue(0.5), v.maxValue(10)),
    }),
    output: v.strictObject({ device: v.string(), sampleRate: v.number() }),
  },
} as const;

export const audioEvents = {
  /** The monitored input's level about ten times a second; `ended` (with the reason) when it stops. */
  'audio.level': v.strictObject({
    peak: v.number(),
    rms: v.number(),
    clipped: v.number(),
    warning: v.nullable(v.picklist(['clipping', 'too-quiet'])),
    carrier: v.boolean(),
    ended: v.nullable(v.string()),
  }),
} as const;

// ---- ROM capture: a real board's ROMs dumped over the cassette cable ----

export const CaptureRangeSchema = v.pipe(
  v.strictObject({ start: Hex16, end: Hex16 }),
  v.check((range) => range.end >= range.start, 'the range ends before it starts'),
);
const DumpProgramKindSchema = v.picklist(['basic', '65v']);

/** What `checkCapture` found (core/rom-capture/capture-check.ts). */
export const RomCaptureCheckSchema = v.strictObject({
  range: v.strictObject({ start: Hex16, end: Hex16 }),
  expected: v.number(),
  received: v.number(),
  sha1: v.string(),
  match: v.nullable(v.string()),
  framingErrors: v.array(v.strictObject({ index: v.number(), address: v.number() })),
  gaps: v.array(v.strictObject({ index: v.number(), address: v.number(), missing: v.number() })),
  missingAtEnd: v.number(),
  diff: v.nullable(
    v.strictObject({
      against: v.string(),
      differing: v.number(),
      runs: v.array(v.strictObject({ address: v.number(), length: v.number() })),
      moreRuns: v.number(),
    }),
  ),
  complete: v.boolean(),
  problems: v.array(v.string()),
});
export type RomCaptureCheck = v.InferOutput<typeof RomCaptureCheckSchema>;

export const romCaptureRequests = {
  /** Plays our dumper to the board now (for its LOAD, or `L` in the 65V monitor); progress as events. */
  'romCapture.send': {
    input: v.strictObject({
      range: CaptureRangeSchema,
      kind: DumpProgramKindSchema,
      device: DeviceNameSchema,
    }),
    output: v.strictObject({ seconds: v.number() }),
  },
  /**
   * Arms the input and captures the range raw until it is complete, the bytes stop or `romCapture.stop`;
   * with `send`, the dumper is played once the input is armed. Progress and the result arrive as events.
   */
  'romCapture.start': {
    input: v.strictObject({
      range: CaptureRangeSchema,
      device: DeviceNameSchema,
      send: v.nullable(v.strictObject({ kind: DumpProgramKindSchema, device: DeviceNameSchema })),
    }),
    output: v.strictObject({ expected: v.number(), sampleRate: v.number() }),
  },
  /** Ends the capture (or the sending) early; what was decoded is checked all the same. */
  'romCapture.stop': { input: NoInput, output: v.strictObject({}) },
} as const;

export const romCaptureEvents = {
  'romCapture.progress': v.strictObject({
    state: v.picklist(['idle', 'sending', 'armed', 'recording']),
    received: v.number(),
    expected: v.number(),
    framingErrors: v.number(),
    /** Seconds recorded. */
    seconds: v.number(),
    carrier: v.boolean(),
    /** The dumper playing to the board. */
    sending: v.nullable(v.strictObject({ position: v.number(), total: v.number() })),
  }),
  /**
   * A capture ended: the check, the raw bytes (base64), the bytes as an opened file for `machine.setRoms`
   * (null when nothing came), which ROM it can be installed as, and the reason it ended early, if any.
   */
  'romCapture.result': v.strictObject({
    check: RomCaptureCheckSchema,
    bytes: v.string(),
    file: v.nullable(FileRefSchema),
    installable: v.nullable(v.picklist(['monitor', 'basic'])),
    /** The first differing runs side by side: the capture's bytes and the reference's, hex. */
    differences: v.array(v.strictObject({ address: v.number(), ours: v.string(), theirs: v.string() })),
    error: v.nullable(v.string()),
  }),
} as const;

// ---- The tape library: tapes, takes, blocks, import, search, compare and merge, export ----

const LibraryId = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER));
export const LibraryOriginSchema = v.picklist(['line-in', 'imported', 'encoded', 'emulator']);
export const BlockKindSchema = v.picklist(['basic', '65v', 'bytes']);
const NullableNumber = v.nullable(v.number());
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const LibraryTapeSchema = v.strictObject({
  id: LibraryId,
  title: v.string(),
  side: v.nullable(v.picklist(['A', 'B'])),
  tags: v.string(),
  origin: LibraryOriginSchema,
  createdAt: v.number(),
  modifiedAt: v.number(),
  takeCount: Count,
  errorCount: v.nullable(Count),
  byteCount: Count,
  kinds: v.array(BlockKindSchema),
});
export type LibraryTape = v.InferOutput<typeof LibraryTapeSchema>;

export const LibraryBlockSchema = v.strictObject({
  takeId: LibraryId,
  index: Count,
  kind: BlockKindSchema,
  offset: Count,
  length: Count,
  errors: Count,
  startSample: Count,
  endSample: Count,
  /** Where the first weak byte starts: a sample, or a byte offset for a take that is not audio. */
  firstError: v.nullable(Count),
  preview: v.string(),
});
export type LibraryBlock = v.InferOutput<typeof LibraryBlockSchema>;

export const LibraryTakeSchema = v.strictObject({
  id: LibraryId,
  tapeId: LibraryId,
  name: v.string(),
  format: v.picklist(['wav', 'flac', 'ogg-flac', 'ogg-vorbis', 'mp3', 'basic', '65v', 'raw', 'merged']),
  sha256: v.string(),
  size: Count,
  sampleRate: NullableNumber,
  channels: NullableNumber,
  channel: NullableNumber,
  durationSeconds: NullableNumber,
  byteCount: Count,
  errorCount: Count,
  markHz: NullableNumber,
  spaceHz: NullableNumber,
  baud: NullableNumber,
  speedDeviationPercent: NullableNumber,
  /** The tape format decoded, e.g. '300 baud 8N2 (detected)'; null when not known. */
  tapeFormat: v.nullable(v.string()),
  warnings: v.array(v.string()),
  createdAt: v.number(),
  derivedFrom: v.nullable(v.array(LibraryId)),
  best: v.boolean(),
  present: v.boolean(),
  blocks: v.array(LibraryBlockSchema),
});
export type LibraryTake = v.InferOutput<typeof LibraryTakeSchema>;

export const LibraryTapeDetailSchema = v.strictObject({
  ...LibraryTapeSchema.entries,
  notes: v.string(),
  machine: v.string(),
  bestTakeId: v.nullable(LibraryId),
  takes: v.array(LibraryTakeSchema),
});
export type LibraryTapeDetail = v.InferOutput<typeof LibraryTapeDetailSchema>;

export const LibraryInfoSchema = v.strictObject({
  folder: v.string(),
  open: v.boolean(),
  /** Why the library could not be opened (damaged or newer catalogue, folder not writable). */
  problem: v.nullable(
    v.strictObject({ reason: v.picklist(['corrupt', 'newer', 'unwritable', 'other']), message: v.string() }),
  ),
  orphans: v.array(v.string()),
  missing: v.array(v.strictObject({ takeId: LibraryId, tapeId: LibraryId, path: v.string() })),
  tapes: Count,
  schemaVersion: Count,
});
export type LibraryInfo = v.InferOutput<typeof LibraryInfoSchema>;

export const LibraryImportEntrySchema = v.strictObject({
  name: v.string(),
  status: v.picklist(['imported', 'skipped', 'failed']),
  reason: v.nullable(v.string()),
  tapeId: v.nullable(LibraryId),
  takeId: v.nullable(LibraryId),
});
export type LibraryImportEntry = v.InferOutput<typeof LibraryImportEntrySchema>;

export const LibraryListQuerySchema = v.strictObject({
  search: v.optional(Text(200)),
  sort: v.optional(v.picklist(['title', 'created', 'modified', 'errors', 'takes'])),
  descending: v.optional(v.boolean()),
  origin: v.optional(LibraryOriginSchema),
  kind: v.optional(BlockKindSchema),
  errors: v.optional(v.picklist(['with', 'without'])),
  dateOf: v.optional(v.picklist(['created', 'modified'])),
  from: v.optional(v.number()),
  to: v.optional(v.number()),
  offset: v.optional(v.pipe(Count, v.maxValue(10_000_000))),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))),
});
export type LibraryListQuery = v.InferOutput<typeof LibraryListQuerySchema>;

export const LibraryExportFormatSchema = v.picklist([
  'original',
  'wav',
  'text',
  'raw',
  '65v',
  'labels',
  'zip',
]);
export type LibraryExportFormat = v.InferOutput<typeof LibraryExportFormatSchema>;

const TrashTarget = v.strictObject({ kind: v.picklist(['tape', 'take']), id: LibraryId });
const ImportId = v.pipe(v.string(), v.regex(/^import-[a-z0-9-]{4,64}$/, 'not an import id'));

export const libraryRequests = {
  'library.info': { input: NoInput, output: LibraryInfoSchema },
  /** Opens a library folder (null: the default one in the user data folder), creating it if new. */
  'library.open': {
    input: v.strictObject({
      folder: v.nullable(Text(4096)),
      /** Keep a damaged catalogue aside and start a new one: only when the user says so. */
      startFresh: v.optional(v.boolean()),
    }),
    output: LibraryInfoSchema,
  },
  'library.list': {
    input: LibraryListQuerySchema,
    output: v.strictObject({ total: Count, items: v.array(LibraryTapeSchema) }),
  },
  'library.tape': { input: v.strictObject({ tapeId: LibraryId }), output: LibraryTapeDetailSchema },
  'library.update': {
    input: v.strictObject({
      tapeId: LibraryId,
      title: v.optional(Text(300)),
      side: v.optional(v.nullable(v.picklist(['A', 'B']))),
      notes: v.optional(Text(100_000)),
      tags: v.optional(Text(1000)),
      machine: v.optional(Text(300)),
      bestTakeId: v.optional(v.nullable(LibraryId)),
    }),
    output: LibraryTapeDetailSchema,
  },
  /** Imports opened files in the background; progress and the report come as events. */
  'library.import': {
    input: v.strictObject({
      fileIds: v.pipe(v.array(FileIdSchema), v.minLength(1), v.maxLength(20_000)),
      /** Add them as takes of this tape instead of a tape each. */
      tapeId: v.optional(LibraryId),
      origin: v.optional(LibraryOriginSchema),
      title: v.optional(Text(300)),
    }),
    output: v.strictObject({ importId: ImportId }),
  },
  'library.cancelImport': { input: v.strictObject({ importId: ImportId }), output: v.strictObject({}) },
  'library.trash': { input: TrashTarget, output: v.strictObject({}) },
  'library.restore': { input: TrashTarget, output: v.strictObject({}) },
  'library.trashList': {
    input: NoInput,
    output: v.strictObject({
      items: v.array(v.strictObject({ ...TrashTarget.entries, title: v.string(), deletedAt: v.number() })),
    }),
  },
  'library.emptyTrash': { input: NoInput, output: v.strictObject({ removed: Count }) },
  'library.resolveOrphan': {
    input: v.strictObject({ path: Text(1000), action: v.picklist(['reattach', 'remove']) }),
    output: v.strictObject({ entry: v.nullable(LibraryImportEntrySchema) }),
  },
  /** Two takes' bytes aligned by edit distance; the stretches where they differ (at most 1,000). */
  'library.compare': {
    input: v.strictObject({ a: LibraryId, b: LibraryId }),
    output: v.strictObject({
      aLength: Count,
      bLength: Count,
      distance: Count,
      differences: v.array(v.strictObject({ aStart: Count, aEnd: Count, bStart: Count, bEnd: Count })),
      truncated: v.boolean(),
    }),
  },
  /** Majority vote per byte, weighed by the decoder's confidence; kept as a derived take of the tape. */
  'library.merge': {
    input: v.strictObject({ takeIds: v.pipe(v.array(LibraryId), v.minLength(2), v.maxLength(16)) }),
    output: v.strictObject({ takeId: LibraryId, decided: Count, weak: Count }),
  },
  /** A take's decoded bytes and text listing, with the indices of its weak bytes. */
  'library.content': {
    input: v.strictObject({ takeId: LibraryId }),
    output: v.strictObject({ bytesBase64: v.string(), text: v.string(), weakIndices: v.array(Count) }),
  },
  /** Registers a take's original file so the Waveform area can open it (tape.open). */
  'library.openTake': { input: v.strictObject({ takeId: LibraryId }), output: FileRefSchema },
  /** Puts a take's decoded bytes in the emulator's cassette deck; then LOAD or L reads them. */
  'library.loadIntoDeck': {
    input: v.strictObject({ takeId: LibraryId, speed: v.picklist(['tape', 'fast']) }),
    output: v.strictObject({ name: v.string(), bytes: Count }),
  },
  /** Like tape.export: a download in the browser host, the save dialog in Electron. */
  'library.export': {
    input: v.strictObject({
      takeId: LibraryId,
      format: LibraryExportFormatSchema,
      rate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(8000), v.maxValue(96000))),
    }),
    output: ExportedSchema,
  },
} as const;

export const libraryEvents = {
  'library.importProgress': v.strictObject({
    importId: ImportId,
    done: Count,
    total: Count,
    current: v.nullable(v.string()),
  }),
  'library.importDone': v.strictObject({
    importId: ImportId,
    cancelled: v.boolean(),
    entries: v.array(LibraryImportEntrySchema),
  }),
  /** The catalogue changed (import, edit, trash): lists should be fetched again. */
  'library.changed': v.strictObject({}),
} as const;

// ---- Record from and play to a real board (docs/hardware.md) ----

const Seconds = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
export const TapeTextKindSchema = v.picklist(['auto', 'basic', '65v', 'raw']);

/** What Play to board plays: a library take, an opened file, or typed text encoded on the fly. */
export const PlaySourceSchema = v.variant('kind', [
  /** `clean`: the decoded bytes re-encoded instead of the recording as it is. */
  v.strictObject({ kind: v.literal('take'), takeId: LibraryId, clean: v.boolean() }),
  v.strictObject({
    kind: v.literal('file'),
    fileId: FileIdSchema,
    clean: v.boolean(),
    as: TapeTextKindSchema,
  }),
  v.strictObject({ kind: v.literal('text'), text: Text(1024 * 1024), as: TapeTextKindSchema }),
]);
export type PlaySourceInput = v.InferOutput<typeof PlaySourceSchema>;

export const RecorderStateSchema = v.picklist(['armed', 'recording']);

export const boardTapeRequests = {
  /**
   * Records the chosen input to a WAV in the app's recordings folder, with live decode (recorder.update);
   * `armed` waits for the carrier and stops after `silenceSeconds` without it. Stopping keeps it as a take.
   */
  'recorder.start': {
    input: v.strictObject({
      device: v.optional(DeviceNameSchema),
      armed: v.boolean(),
      silenceSeconds: v.pipe(v.number(), v.minValue(0.2), v.maxValue(60)),
      maxSeconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(4 * 3600))),
    }),
    output: v.strictObject({ device: v.string(), sampleRate: v.number(), fileName: v.string() }),
  },
  /** Stops the recording; the take arrives with recorder.ended. */
  'recorder.stop': { input: NoInput, output: v.strictObject({}) },
  /** Plays a tape to the chosen output; progress comes as player.progress. */
  'player.play': {
    input: v.strictObject({
      source: PlaySourceSchema,
      device: v.optional(DeviceNameSchema),
      leaderSeconds: Seconds(60),
      trailerSeconds: Seconds(60),
      /** NULs after each BASIC line; null keeps what the tape has (10 for a typed listing). */
      nulls: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255))),
    }),
    output: v.strictObject({
      device: v.string(),
      what: v.string(),
      sampleRate: v.number(),
      total: v.nullable(v.number()),
    }),
  },
  'player.control': {
    input: v.strictObject({ action: v.picklist(['pause', 'resume', 'stop']) }),
    output: v.strictObject({}),
  },
} as const;

export const boardTapeEvents = {
  /** About ten times a second and at every decoded byte while recording. */
  'recorder.update': v.strictObject({
    state: RecorderStateSchema,
    seconds: v.number(),
    peak: v.number(),
    carrier: v.boolean(),
    framingErrors: Count,
    /** Where the recording starts in the captured stream: add it to bit and byte positions. */
    origin: Count,
    bytes: v.array(
      v.strictObject({ value: Count, start: v.number(), end: v.number(), framingError: v.boolean() }),
    ),
    bits: v.array(
      v.strictObject({
        value: v.picklist([0, 1]),
        start: v.number(),
        end: v.number(),
        confidence: v.number(),
      }),
    ),
    /** Min/max columns of `step` samples from `start` in the captured stream, -1..1. */
    envelope: v.strictObject({ start: Count, step: Count, min: NumberList, max: NumberList }),
  }),
  /** The recording ended: kept as a take (takeId), or why not (error; the WAV stays at `file`). */
  'recorder.ended': v.strictObject({
    reason: v.picklist(['stopped', 'seconds', 'silence', 'error']),
    error: v.nullable(v.string()),
    seconds: v.number(),
    bytes: Count,
    framingErrors: Count,
    tapeId: v.nullable(LibraryId),
    takeId: v.nullable(LibraryId),
    title: v.nullable(v.string()),
    file: v.nullable(v.string()),
  }),
  'player.progress': v.strictObject({
    position: v.number(),
    total: v.nullable(v.number()),
    paused: v.boolean(),
    ended: v.boolean(),
    error: v.nullable(v.string()),
  }),
} as const;

// ---- Farm jobs (docs/cloud.md) ----

export const FarmJobStateSchema = v.picklist(['queued', 'running', 'done', 'failed']);

export const FarmJobSchema = v.strictObject({
  /** This app's own number for the job (ids in a submission may repeat). */
  key: v.number(),
  id: v.nullable(v.string()),
  state: FarmJobStateSchema,
  /** 0-1 of the job's cycle limit. */
  progress: v.number(),
  reason: v.nullable(v.string()),
  error: v.nullable(v.string()),
  screen: v.nullable(v.string()),
  cycles: v.nullable(v.number()),
});
export type FarmJob = v.InferOutput<typeof FarmJobSchema>;

export const JobsSnapshotSchema = v.strictObject({
  /** Where jobs run: "4 threads here" or the queue, its password hidden. */
  engine: v.string(),
  jobs: v.array(FarmJobSchema),
});
export type JobsSnapshot = v.InferOutput<typeof JobsSnapshotSchema>;

/** redis://[user:password@]HOST:PORT to run jobs on that queue's workers; absent: in the app's own threads. */
const QueueUrl = v.optional(
  v.pipe(v.string(), v.maxLength(500), v.regex(/^rediss?:\/\/\S+$/, 'a redis:// URL')),
);

export const jobsRequests = {
  /** Runs the jobs of a JSON Lines text, in the app's own threads or on a queue. */
  'jobs.submit': {
    input: v.strictObject({
      text: v.pipe(v.string(), v.maxLength(4 * 1024 * 1024)),
      queue: QueueUrl,
    }),
    output: v.strictObject({ accepted: v.number(), rejected: v.number() }),
  },
  'jobs.list': { input: NoInput, output: JobsSnapshotSchema },
  /** Forgets the finished jobs. */
  'jobs.clear': { input: NoInput, output: JobsSnapshotSchema },
} as const;

export const jobsEvents = {
  'jobs.changed': JobsSnapshotSchema,
} as const;

// ---- The library batch and the board gateway (docs/cloud.md) ----

export const LibraryBatchResultSchema = v.strictObject({
  tapeId: LibraryId,
  /** The take that ran (null: the tape has none, or it has gone since). */
  takeId: v.nullable(LibraryId),
  ok: v.boolean(),
  /** The job's stop reason (`settled`, `limit`, ...; `invalid` when the tape holds no program). */
  reason: v.string(),
  error: v.nullable(v.string()),
  /** The first settled screen as text (only from libraryBatch.result). */
  screen: v.nullable(v.string()),
  ranAt: v.number(),
});
export type LibraryBatchResult = v.InferOutput<typeof LibraryBatchResultSchema>;

export const LibraryBatchStateSchema = v.strictObject({
  running: v.boolean(),
  done: Count,
  total: Count,
  failed: Count,
  /** Every stored result (libraryBatch.state), or those finished since the last event (the event). */
  results: v.array(LibraryBatchResultSchema),
});
export type LibraryBatchState = v.InferOutput<typeof LibraryBatchStateSchema>;

export const libraryBatchRequests = {
  /** Runs every tape of the library to its first settled screen as one batch of jobs (here, or on a queue). */
  'libraryBatch.start': { input: v.strictObject({ queue: QueueUrl }), output: LibraryBatchStateSchema },
  'libraryBatch.state': { input: NoInput, output: LibraryBatchStateSchema },
  'libraryBatch.result': {
    input: v.strictObject({ tapeId: LibraryId }),
    output: v.strictObject({ result: v.nullable(LibraryBatchResultSchema) }),
  },
} as const;

export const libraryBatchEvents = {
  'libraryBatch.changed': LibraryBatchStateSchema,
} as const;

export const GatewayStatusSchema = v.strictObject({
  running: v.boolean(),
  deviceIn: v.nullable(v.string()),
  deviceOut: v.nullable(v.string()),
  /** Requests heard since it started. */
  requests: Count,
  /** The latest request, answer or problem, in words. */
  last: v.nullable(v.string()),
});
export type GatewayStatus = v.InferOutput<typeof GatewayStatusSchema>;

export const gatewayRequests = {
  'gateway.status': { input: NoInput, output: GatewayStatusSchema },
  /** Serves the board's cloud driver through the soft-modem; its jobs run here, or on the queue given. */
  'gateway.start': {
    input: v.strictObject({ deviceIn: DeviceNameSchema, deviceOut: DeviceNameSchema, queue: QueueUrl }),
    output: GatewayStatusSchema,
  },
  'gateway.stop': { input: NoInput, output: GatewayStatusSchema },
  /** Plays the cloud driver's 65V tape to an output wired to the board (after BREAK, M, L there). */
  'gateway.playDriver': {
    input: v.strictObject({ device: DeviceNameSchema }),
    output: v.strictObject({ bytes: Count, characters: Count }),
  },
} as const;

export const gatewayEvents = {
  'gateway.changed': GatewayStatusSchema,
} as const;

// ---- The real board on the cassette cable: the soft-modem terminal, its TCP bridge, the emulator's wiring
// and side by side (docs/hardware.md) ----

export const CassetteWiringSchema = v.picklist(['tape', 'audio', 'modem']);
export type CassetteWiring = v.InferOutput<typeof CassetteWiringSchema>;

export const HardwareStatusSchema = v.strictObject({
  /** The soft-modem line is open on these devices. */
  open: v.boolean(),
  deviceIn: v.nullable(v.string()),
  deviceOut: v.nullable(v.string()),
  sampleRate: v.nullable(v.number()),
  /** The board's carrier is heard; the input peak (0..1) and its warning. */
  carrier: v.boolean(),
  peak: v.number(),
  warning: v.nullable(v.picklist(['clipping', 'too-quiet'])),
  /** Bytes decoded from the board (and how many had framing errors), sent to it, waiting to be sent. */
  received: v.number(),
  framingErrors: v.number(),
  sent: v.number(),
  queued: v.number(),
  /** Why the line closed on its own, until it is opened again. */
  error: v.nullable(v.string()),
  /** The TCP bridge (loopback only): its address and the token line a client sends first (null: none). */
  bridge: v.nullable(
    v.strictObject({
      host: v.string(),
      port: v.number(),
      token: v.nullable(v.string()),
      connected: v.boolean(),
    }),
  ),
  /** What the emulator's cassette port is wired to. */
  wiring: CassetteWiringSchema,
  sideBySide: v.boolean(),
});
export type HardwareStatus = v.InferOutput<typeof HardwareStatusSchema>;

export const HardwareComparisonSchema = v.strictObject({
  /** Both sides as compared lines (trimmed, no blank lines); indexes below point into these. */
  emulator: v.array(v.string()),
  board: v.array(v.string()),
  emulatorStart: v.number(),
  boardStart: v.number(),
  matched: v.number(),
  divergence: v.nullable(
    v.strictObject({ emulatorLine: v.number(), boardLine: v.number(), column: v.number() }),
  ),
  behind: v.nullable(v.picklist(['emulator', 'board'])),
});
export type HardwareComparison = v.InferOutput<typeof HardwareComparisonSchema>;

/** Latin-1 text: each character is one byte on the line. */
const LineText = v.pipe(
  v.string(),
  v.maxLength(4096),
  v.check(
    (text) => [...text].every((c) => c.charCodeAt(0) < 256),
    'only characters that are one byte (Latin-1)',
  ),
);
const OptionalDevices = {
  deviceIn: v.optional(DeviceNameSchema),
  deviceOut: v.optional(DeviceNameSchema),
};

export const hardwareRequests = {
  'hardware.status': { input: NoInput, output: HardwareStatusSchema },
  /** Opens the soft-modem line (full duplex, 300 baud 8N2) on an input and an output, by name. */
  'hardware.open': {
    input: v.strictObject({ deviceIn: DeviceNameSchema, deviceOut: DeviceNameSchema }),
    output: HardwareStatusSchema,
  },
  /** Closes the line (and the bridge; the emulator's port goes back to the tape deck). */
  'hardware.close': { input: NoInput, output: HardwareStatusSchema },
  /** Sends typed text to the board (LF becomes CR); in side by side, to the emulator's keyboard too. */
  'hardware.send': {
    input: v.strictObject({ text: LineText }),
    output: v.strictObject({ queued: v.number() }),
  },
  /** The board's output so far, as lines (the pane rebuilds its view from it). */
  'hardware.transcript': { input: NoInput, output: v.strictObject({ lines: v.array(v.string()) }) },
  /** Starts (on 127.0.0.1, port 0 for any free one) or stops the TCP bridge. */
  'hardware.bridge': {
    input: v.strictObject({
      action: v.picklist(['start', 'stop']),
      port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65535))),
      allowAnyLocal: v.optional(v.boolean()),
    }),
    output: HardwareStatusSchema,
  },
  /** Wires the emulator's cassette port: the tape deck, the sound card alone, or the terminal's line. */
  'hardware.wire': {
    input: v.strictObject({ port: CassetteWiringSchema, ...OptionalDevices }),
    output: HardwareStatusSchema,
  },
  /** Starts or stops side by side (keys to both, outputs compared). */
  'hardware.sideBySide': {
    input: v.strictObject({ action: v.picklist(['start', 'stop']) }),
    output: HardwareStatusSchema,
  },
  'hardware.compare': { input: NoInput, output: HardwareComparisonSchema },
} as const;

export const hardwareEvents = {
  /** The line's state, a few times a second while open, and on every change of line, bridge or wiring. */
  'hardware.status': HardwareStatusSchema,
  /** Bytes decoded from the board, base64, as they arrive. */
  'hardware.received': v.strictObject({ bytes: v.string() }),
  /** In side by side: the comparison whenever either side changed it. */
  'hardware.compare': HardwareComparisonSchema,
} as const;

// ---- The whole contract ----

export const requests = {
  ...appRequests,
  ...tapeRequests,
  ...machineRequests,
  ...tapeDeckRequests,
  ...memoryRequests,
  ...audioRequests,
  ...romCaptureRequests,
  ...libraryRequests,
  ...boardTapeRequests,
  ...jobsRequests,
  ...libraryBatchRequests,
  ...gatewayRequests,
  ...hardwareRequests,
} as const;

export const events = {
  ...appEvents,
  ...tapeEvents,
  ...machineEvents,
  ...memoryEvents,
  ...audioEvents,
  ...romCaptureEvents,
  ...libraryEvents,
  ...boardTapeEvents,
  ...jobsEvents,
  ...libraryBatchEvents,
  ...gatewayEvents,
  ...hardwareEvents,
} as const;

export type RequestMethod = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestInput<M extends RequestMethod> = v.InferInput<(typeof requests)[M]['input']>;
export type RequestOutput<M extends RequestMethod> = v.InferOutput<(typeof requests)[M]['output']>;
export type EventPayload<E extends EventName> = v.InferOutput<(typeof events)[E]>;

export const REQUEST_METHODS = Object.keys(requests) as RequestMethod[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const ERROR_CODES = [
  'bad-request',
  'unknown-method',
  'forbidden',
  'not-found',
  'unsupported',
  'failed',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcErrorBody {
  code: ErrorCode;
  message: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorBody };

export function isRequestMethod(name: unknown): name is RequestMethod {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Formats valibot issues as one readable line: "screen.scale: Invalid value: Expected <=8 but received 9". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export function validateEvent<E extends EventName>(
  name: E,
  payload: unknown,
): { ok: true; value: EventPayload<E> } | { ok: false; message: string } {
  const parsed = v.safeParse(events[name], payload);
  return parsed.success
    ? { ok: true, value: parsed.output as EventPayload<E> }
    : { ok: false, message: describeIssues(parsed.issues) };
}
