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
    romDir: v.nullable(v.string()),
  }),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  screen: { crop: false, scale: 0 },
  layout: { columnSplit: 0.5, rowSplit: 0.55, maximized: null },
  machine: { ramKb: 8, romDir: null },
};

/** A settings change: any subset of the sections, each section partial. */
export const SettingsPatchSchema = v.strictObject({
  screen: v.optional(v.partial(SettingsSchema.entries.screen)),
  layout: v.optional(v.partial(SettingsSchema.entries.layout)),
  machine: v.optional(v.partial(SettingsSchema.entries.machine)),
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
  /** Electron only: the native open dialog. The browser host uploads instead (HTTP POST /upload). */
  'files.openDialog': {
    input: v.strictObject({ purpose: FilePurposeSchema, multiple: v.optional(v.boolean()) }),
    output: v.strictObject({ files: v.array(FileRefSchema) }),
  },
  'files.describe': { input: v.strictObject({ fileId: FileIdSchema }), output: FileDescriptionSchema },
} as const;

export const appEvents = {
  'settings.changed': SettingsSchema,
} as const;

// ---- Tapes: decoding, peaks and annotations for the Waveform area ----

export const tapeRequests = {} as const;

export const tapeEvents = {} as const;

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

// ---- The whole contract ----

export const requests = { ...appRequests, ...tapeRequests, ...machineRequests, ...tapeDeckRequests } as const;

export const events = { ...appEvents, ...tapeEvents, ...machineEvents } as const;

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
