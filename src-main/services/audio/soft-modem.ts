// The soft-modem as a service: the cassette cable as a 300-baud serial line both ways (8N2 KCS), over the
// audio worker's full-duplex modem. Open it on an input and an output device, send bytes, hear decoded bytes
// and the line's state. The Hardware terminal, its TCP bridge, the emulator's wiring, side by side and the
// CLI's `modem` all share this one interface; a farm driver can use it the same way.
//
//   const modem = new SoftModem(audio);
//   const off = modem.onBytes((bytes) => ...);
//   await modem.open({ deviceIn: 'Board to Lab', deviceOut: 'Lab to Board' });
//   modem.send(Uint8Array.of(0x0d));
//   await modem.close();
import { levelWarning, type Level } from '../../core/audio/level-meter.ts';
import type { AudioService } from './audio-service.ts';

export interface SoftModemDevices {
  /** A device name or a unique part of it ('' for the default). */
  deviceIn: string;
  deviceOut: string;
  sampleRate?: number;
}

export interface SoftModemStatus {
  open: boolean;
  deviceIn: string | null;
  deviceOut: string | null;
  sampleRate: number | null;
  /** The board's carrier (its idle 2,400 Hz mark) is heard. */
  carrier: boolean;
  /** The input level over the last tenth of a second. */
  level: Level;
  warning: 'clipping' | 'too-quiet' | null;
  /** Bytes decoded from the board, and how many of them had a framing error (a bad stop bit). */
  received: number;
  framingErrors: number;
  /** Bytes played to the board, and bytes waiting to be played. */
  sent: number;
  queued: number;
  /** Why the line closed on its own (a device gone, the sound server gone); null while all is well. */
  error: string | null;
}

const SILENT: Level = { peak: 0, rms: 0, clipped: 0 };

export class SoftModem {
  readonly #audio: AudioService;
  readonly #byteListeners = new Set<(bytes: Uint8Array) => void>();
  readonly #statusListeners = new Set<(status: SoftModemStatus) => void>();
  #status: SoftModemStatus = SoftModem.#closedStatus(null);
  #off: (() => void) | null = null;
  /** Set while open() waits for the devices, so events of another capture are not taken for ours. */
  #opening = false;

  constructor(audio: AudioService) {
    this.#audio = audio;
  }

  static #closedStatus(error: string | null): SoftModemStatus {
    return {
      open: false,
      deviceIn: null,
      deviceOut: null,
      sampleRate: null,
      carrier: false,
      level: SILENT,
      warning: null,
      received: 0,
      framingErrors: 0,
      sent: 0,
      queued: 0,
      error,
    };
  }

  get status(): SoftModemStatus {
    return this.#status;
  }

  get isOpen(): boolean {
    return this.#status.open;
  }

  /** Decoded bytes from the board, as they arrive (every listener gets every byte). */
  onBytes(listener: (bytes: Uint8Array) => void): () => void {
    this.#byteListeners.add(listener);
    return () => this.#byteListeners.delete(listener);
  }

  /** The line's state: about ten times a second while open, and when it opens, closes or fails. */
  onStatus(listener: (status: SoftModemStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Opens both devices; throws (with nothing left open) when they cannot be had or the sound card is busy. */
  async open(devices: SoftModemDevices): Promise<SoftModemStatus> {
    if (this.#status.open || this.#opening) throw new Error('the soft-modem is already open');
    this.#opening = true;
    this.#off = this.#audio.on((event) => {
      if (this.#opening || !this.#status.open) return;
      if (event.kind === 'capture') {
        const { update } = event;
        const bytes = Uint8Array.from(update.bytes, (b) => b.value);
        this.#update({
          carrier: update.carrier,
          level: update.level,
          warning: levelWarning(update.level),
          received: this.#status.received + bytes.length,
          framingErrors: this.#status.framingErrors + update.bytes.filter((b) => b.framingError).length,
        });
        if (bytes.length > 0) for (const listener of this.#byteListeners) listener(bytes);
      } else if (event.kind === 'modemSent') {
        this.#update({
          sent: this.#status.sent + event.bytes,
          queued: Math.max(0, this.#status.queued - event.bytes),
        });
      } else if (event.kind === 'captureEnded' || event.kind === 'playEnded') {
        const error =
          (event.kind === 'captureEnded' ? event.summary.error : event.error) ??
          'the sound card stopped the line';
        void this.#shut(error);
      }
    });
    try {
      const { sampleRate } = await this.#audio.modem(devices);
      this.#status = {
        ...SoftModem.#closedStatus(null),
        open: true,
        deviceIn: devices.deviceIn,
        deviceOut: devices.deviceOut,
        sampleRate,
      };
    } catch (error) {
      this.#off();
      this.#off = null;
      throw error;
    } finally {
      this.#opening = false;
    }
    this.#emitStatus();
    return this.#status;
  }

  /** Queues bytes to be played to the board; returns how many wait. */
  send(bytes: Uint8Array): number {
    if (!this.#status.open) throw new Error('the soft-modem is not open');
    if (bytes.length === 0) return this.#status.queued;
    this.#update({ queued: this.#status.queued + bytes.length });
    this.#audio.modemSend(bytes).catch((error: unknown) => {
      void this.#shut(error instanceof Error ? error.message : String(error));
    });
    return this.#status.queued;
  }

  async close(): Promise<void> {
    await this.#shut(null);
  }

  async #shut(error: string | null): Promise<void> {
    if (!this.#status.open) return;
    this.#off?.();
    this.#off = null;
    this.#status = SoftModem.#closedStatus(error);
    this.#emitStatus();
    await this.#audio.modemStop().catch(() => {});
  }

  #update(patch: Partial<SoftModemStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.#emitStatus();
  }

  #emitStatus(): void {
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}
