import type { InspectView, IoSnapshot, MachineSpeed, MachineStatus } from '../../ipc/contract.ts';

/** What the emulator worker is built from: ROM bytes and the RAM fitted. */
export interface MachineConfig {
  monitor: { bytes: Uint8Array; source: string };
  /** One 8K image or four 2K parts in address order; empty for no BASIC. */
  basic: { bytes: Uint8Array; source: string }[];
  ramKb: number;
  /** Seed for power-on RAM contents; random when absent. */
  seed?: number;
}

export type EmulatorCommand =
  | { kind: 'configure'; config: MachineConfig }
  | { kind: 'control'; action: 'power' | 'reset' | 'pause' | 'resume' | 'step' }
  | { kind: 'speed'; speed: MachineSpeed }
  | { kind: 'key'; code: string; key: string; ctrlKey: boolean; down: boolean }
  | { kind: 'shiftLock' }
  | { kind: 'type'; text: string }
  | { kind: 'peek'; start: number; length: number }
  | { kind: 'status' }
  | { kind: 'tapePlayBytes'; name: string; bytes: Uint8Array; speed: 'tape' | 'fast' }
  | { kind: 'tapePlayAudio'; name: string; path: string; speed: 'tape' | 'fast' }
  | { kind: 'tapeStop' }
  | { kind: 'tapeRecordStart'; path: string }
  | { kind: 'tapeRecordStop' }
  | { kind: 'saveState' }
  | { kind: 'loadState'; text: string }
  | { kind: 'runTo'; address: number }
  | { kind: 'setBreakpoints'; addresses: number[] }
  | { kind: 'setWatchpoints'; watchpoints: { address: number; kind: 'read' | 'write' | 'access' }[] }
  | { kind: 'inspect'; view: InspectView | null }
  | { kind: 'access'; address: number }
  | { kind: 'accessMap' }
  | { kind: 'resetCounts' }
  | { kind: 'poke'; address: number; value: number }
  | { kind: 'serialWire'; wired: boolean }
  | { kind: 'serialReceive'; bytes: Uint8Array };

/** What the Memory area asked to see, taken at one moment. */
export interface InspectorSnapshot {
  cycles: number;
  heat: Uint8Array | null;
  ranges: { start: number; bytes: Uint8Array }[];
  io: IoSnapshot | null;
}

export type EmulatorRequest = EmulatorCommand & { id: number };

export type EmulatorReply =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };

export type EmulatorMessage =
  | EmulatorReply
  | { kind: 'frame'; frame: number; video: Uint8Array }
  | { kind: 'status'; status: MachineStatus }
  | { kind: 'snapshot'; snapshot: InspectorSnapshot }
  /** What the ACIA sent while the cassette port is wired to the cable. */
  | { kind: 'serial'; bytes: Uint8Array };
