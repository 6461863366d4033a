import type { EventPayload } from '../../src-main/ipc/contract.ts';
import {
  CAPTURE_RANGES,
  describeRange,
  dumpProgramText,
  parseCaptureRange,
  rangeLength,
  type CaptureRange,
  type DumpProgramKind,
  type NamedRange,
} from '../../src-main/core/rom-capture/dump-programs.ts';
import type { IpcClient } from './ipc-client.ts';
import { downloadBlob } from './download.ts';
import { decodeBase64, type MachineView } from './machine-view.svelte.ts';

export type RomCaptureProgress = EventPayload<'romCapture.progress'>;
export type RomCaptureResult = EventPayload<'romCapture.result'>;
export type WizardStep = 'program' | 'capture' | 'result';

/** Seconds one byte takes on the cable: 11 bits at 300 baud. */
const BYTE_SECONDS = 11 / 300;

/**
 * The ROM capture wizard: 1. our dumper for the chosen range (shown, copied, or sent to the board by audio),
 * 2. the capture, armed on the board's carrier, with live progress, 3. the check, installed as the
 * emulator's ROM through the Machine panel's own path, or downloaded.
 */
export class RomCaptureWizard {
  readonly #client: IpcClient;
  readonly #machine: MachineView;
  readonly #fail: (error: unknown) => void;
  open = $state(false);
  step = $state<WizardStep>('program');
  rangeName = $state<NamedRange | 'custom'>('monitor');
  customRange = $state('F800-FFFF');
  kind = $state<DumpProgramKind>('65v');
  progress = $state.raw<RomCaptureProgress | null>(null);
  result = $state.raw<RomCaptureResult | null>(null);
  /** Playing the dumper now, from step 1 (not as part of the capture). */
  sending = $state(false);
  capturing = $state(false);
  installed = $state<string | null>(null);
  #offs: (() => void)[] = [];

  readonly range = $derived<CaptureRange | string>(
    this.rangeName === 'custom' ? parseCaptureRange(this.customRange) : CAPTURE_RANGES[this.rangeName],
  );
  readonly program = $derived(typeof this.range === 'string' ? '' : dumpProgramText(this.kind, this.range));

  constructor(client: IpcClient, machine: MachineView, fail: (error: unknown) => void) {
    this.#client = client;
    this.#machine = machine;
    this.#fail = fail;
  }

  /** The range as text, with its length and how long it takes on the cable. */
  get rangeSummary(): string {
    if (typeof this.range === 'string') return this.range;
    const seconds = rangeLength(this.range) * BYTE_SECONDS;
    const time = seconds < 90 ? `${Math.ceil(seconds)} s` : `${Math.round(seconds / 60)} minutes`;
    return `${describeRange(this.range)}, about ${time} at 300 baud`;
  }

  show(): void {
    this.open = true;
    this.step = 'program';
    this.result = null;
    this.installed = null;
    this.#offs.push(
      this.#client.on('romCapture.progress', (progress) => {
        this.progress = progress;
        if (progress.state === 'idle') this.sending = false;
      }),
      this.#client.on('romCapture.result', (result) => {
        this.result = result;
        this.capturing = false;
        this.step = 'result';
      }),
    );
  }

  close(): void {
    if (this.capturing || this.sending) void this.stop();
    for (const off of this.#offs) off();
    this.#offs = [];
    this.open = false;
  }

  /** Plays the dumper to the board now (it waits in LOAD, or in `L` for a 65V tape). */
  async send(device: string): Promise<void> {
    if (typeof this.range === 'string') return;
    try {
      this.sending = true;
      await this.#client.request('romCapture.send', { range: this.range, kind: this.kind, device });
    } catch (error) {
      this.sending = false;
      this.#fail(error);
    }
  }

  /** Arms the input; with `sendTo`, the dumper is played to the board as soon as it is armed. */
  async start(device: string, sendTo: string | null): Promise<void> {
    if (typeof this.range === 'string') return;
    try {
      this.progress = null;
      this.result = null;
      this.installed = null;
      this.capturing = true;
      this.step = 'capture';
      await this.#client.request('romCapture.start', {
        range: this.range,
        device,
        send: sendTo === null ? null : { kind: this.kind, device: sendTo },
      });
    } catch (error) {
      this.capturing = false;
      this.#fail(error);
    }
  }

  async stop(): Promise<void> {
    try {
      await this.#client.request('romCapture.stop');
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Installs the capture as the emulator's monitor or BASIC, as the Machine panel's Apply ROMs does. */
  async install(): Promise<void> {
    const result = this.result;
    if (!result?.file || !result.installable) return;
    const draft = this.#machine.romDraft;
    draft.reset();
    if (result.installable === 'monitor') draft.monitor = { kind: 'file', file: result.file };
    else draft.setBasicFiles([result.file]);
    if (await this.#machine.applyRoms()) this.installed = this.#machine.panelNotice?.text ?? 'Installed.';
    else draft.reset();
  }

  download(): void {
    const result = this.result;
    if (!result?.file) return;
    downloadBlob(result.file.name, new Blob([decodeBase64(result.bytes).slice().buffer]));
  }
}
