// The real board on the cassette cable, for the app: the Hardware terminal (the soft-modem line, its decoded
// output laid out as a 32-column screen), the TCP bridge, what the emulator's cassette port is wired to, and
// side by side (keys to both, outputs compared). The contract's hardware section over the SoftModem service.
import { compareLines, screenLines, type Comparison } from '../../core/terminal/divergence.ts';
import { TerminalGrid } from '../../core/terminal/terminal-grid.ts';
import type { CassetteWiring, HardwareStatus, hardwareRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import { ModemBridge, newToken, toBoard } from '../audio/modem-bridge.ts';
import type { SoftModem, SoftModemStatus } from '../audio/soft-modem.ts';
import type { EmulatorService } from '../emulator/emulator-service.ts';
import type { SettingsStore } from '../settings-store.ts';

/** Status events go out at most this often (bytes go out at once). */
const STATUS_MS = 200;
/** Side by side compares at most this often. */
const COMPARE_MS = 150;

export interface HardwareServiceOptions {
  modem: SoftModem;
  events: EventHub;
  settings: SettingsStore;
  /** The emulator, once started (null when the host has none). */
  emulator: () => EmulatorService | null;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export class HardwareService {
  readonly #modem: SoftModem;
  readonly #events: EventHub;
  readonly #settings: SettingsStore;
  readonly #emulator: () => EmulatorService | null;
  readonly grid = new TerminalGrid();
  #bridge: ModemBridge | null = null;
  #wiring: CassetteWiring = 'tape';
  /** The line was opened for the emulator's wiring (and closes with it). */
  #openedForWiring = false;
  #offSerial: (() => void) | null = null;
  #sideBySide = false;
  #video: Uint8Array | null = null;
  #comparison: Comparison | null = null;
  #compareTimer: ReturnType<typeof setTimeout> | null = null;
  #statusTimer: ReturnType<typeof setTimeout> | null = null;
  #lastStatusAt = 0;
  readonly #offs: (() => void)[] = [];

  constructor(options: HardwareServiceOptions) {
    this.#modem = options.modem;
    this.#events = options.events;
    this.#settings = options.settings;
    this.#emulator = options.emulator;
    this.#offs.push(
      this.#modem.onBytes((bytes) => {
        this.grid.write(bytes);
        this.#events.emit('hardware.received', { bytes: Buffer.from(bytes).toString('base64') });
        if (this.#wiring !== 'tape')
          void this.#emulator()
            ?.serialReceive(bytes)
            .catch(() => {});
        this.#scheduleCompare();
      }),
      this.#modem.onStatus((status) => {
        if (!status.open) void this.#lineClosed();
        this.#scheduleStatus(!status.open);
      }),
      this.#events.subscribe((name, payload) => {
        if (name !== 'machine.frame' || !this.#sideBySide) return;
        this.#video = new Uint8Array(Buffer.from((payload as { video: string }).video, 'base64'));
        this.#scheduleCompare();
      }),
    );
  }

  get status(): HardwareStatus {
    const line: SoftModemStatus = this.#modem.status;
    const bridge = this.#bridge;
    return {
      open: line.open,
      deviceIn: line.deviceIn,
      deviceOut: line.deviceOut,
      sampleRate: line.sampleRate,
      carrier: line.carrier,
      peak: line.level.peak,
      warning: line.warning,
      received: line.received,
      framingErrors: line.framingErrors,
      sent: line.sent,
      queued: line.queued,
      error: line.error,
      bridge: bridge
        ? { host: bridge.host, port: bridge.port, token: bridge.token, connected: bridge.connected }
        : null,
      wiring: this.#wiring,
      sideBySide: this.#sideBySide,
    };
  }

  /** Opens the line (the terminal's view starts afresh). */
  async open(deviceIn: string, deviceOut: string): Promise<HardwareStatus> {
    if (this.#modem.isOpen)
      throw new ServiceError('bad-request', 'The line is already open: close it first.');
    try {
      await this.#modem.open({ deviceIn, deviceOut });
    } catch (error) {
      throw new ServiceError(
        'failed',
        `Cannot open the line: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    this.grid.clear();
    this.#openedForWiring = false;
    await this.#settings
      .update({ audio: { input: deviceIn || null, output: deviceOut || null } })
      .catch(() => {});
    return this.#changed();
  }

  async close(): Promise<HardwareStatus> {
    await this.#modem.close();
    return this.#changed();
  }

  /** Typed text to the board; in side by side to the emulator's keyboard first (text it cannot type goes nowhere). */
  async send(text: string): Promise<{ queued: number }> {
    if (!this.#modem.isOpen) throw new ServiceError('bad-request', 'Open the line first.');
    if (this.#wiring === 'audio')
      throw new ServiceError(
        'bad-request',
        'The cable is wired to the emulator alone: wire its port to the soft-modem to type along.',
      );
    if (this.#sideBySide) {
      const emulator = this.#emulator();
      if (!emulator) throw new ServiceError('unsupported', 'The emulator is not running.');
      await emulator.type(text);
    }
    return { queued: this.#modem.send(toBoard(latin1(text))) };
  }

  async startBridge(port: number, allowAnyLocal: boolean): Promise<HardwareStatus> {
    if (!this.#modem.isOpen) throw new ServiceError('bad-request', 'Open the line before the bridge.');
    if (this.#wiring === 'audio')
      throw new ServiceError('bad-request', 'The cable is wired to the emulator alone.');
    await this.#bridge?.close();
    this.#bridge = null;
    try {
      this.#bridge = await ModemBridge.start(this.#modem, {
        host: '127.0.0.1',
        port,
        token: allowAnyLocal ? null : newToken(),
      });
    } catch (error) {
      throw new ServiceError(
        'failed',
        `Cannot start the bridge: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return this.#changed();
  }

  async stopBridge(): Promise<HardwareStatus> {
    await this.#bridge?.close();
    this.#bridge = null;
    return this.#changed();
  }

  /**
   * Wires the emulator's cassette port. 'audio': the emulated board alone on the cable (the line is opened
   * on the given or remembered devices if it is not open; the terminal only watches). 'modem': the emulator
   * on the terminal's line, which the terminal and bridge share. 'tape': back to the virtual tape deck.
   */
  async wire(
    port: CassetteWiring,
    devices: { deviceIn?: string; deviceOut?: string },
  ): Promise<HardwareStatus> {
    const emulator = this.#emulator();
    if (!emulator) throw new ServiceError('unsupported', 'The emulator is not running.');
    if (port === this.#wiring) return this.status;
    if (port !== 'tape' && this.#sideBySide)
      throw new ServiceError('bad-request', 'Side by side needs the emulator on its own: stop it first.');
    if (port === 'tape') {
      await this.#unwire();
      if (this.#openedForWiring) await this.#modem.close();
      this.#openedForWiring = false;
      return this.#changed();
    }
    if (port === 'audio' && this.#bridge)
      throw new ServiceError(
        'bad-request',
        'Stop the TCP bridge first: with audio the emulator has the cable alone.',
      );
    if (!this.#modem.isOpen) {
      const remembered = this.#settings.get().audio;
      await this.open(
        devices.deviceIn ?? remembered.input ?? '',
        devices.deviceOut ?? remembered.output ?? '',
      );
      this.#openedForWiring = true;
    }
    if (this.#wiring === 'tape') {
      await emulator.wireSerial(true);
      this.#offSerial = emulator.onSerial((bytes) => {
        if (this.#modem.isOpen) this.#modem.send(bytes);
      });
    }
    this.#wiring = port;
    return this.#changed();
  }

  async setSideBySide(on: boolean): Promise<HardwareStatus> {
    if (on) {
      const emulator = this.#emulator();
      if (!emulator) throw new ServiceError('unsupported', 'The emulator is not running.');
      if (!this.#modem.isOpen) throw new ServiceError('bad-request', 'Open the line to the board first.');
      if (this.#wiring !== 'tape')
        throw new ServiceError(
          'bad-request',
          "Side by side needs the emulator's cassette port on the tape deck (it types from its own keyboard).",
        );
      this.#video = await emulator.video();
    }
    this.#sideBySide = on;
    if (on) this.#compareNow();
    return this.#changed();
  }

  /** The comparison now (computed afresh). */
  async compare(): Promise<Comparison> {
    const emulator = this.#emulator();
    if (emulator) this.#video = await emulator.video();
    return this.#compareNow();
  }

  handlers(): SectionHandlers<typeof hardwareRequests> {
    return {
      'hardware.status': async () => this.status,
      'hardware.open': ({ deviceIn, deviceOut }) => this.open(deviceIn, deviceOut),
      'hardware.close': () => this.close(),
      'hardware.send': ({ text }) => this.send(text),
      'hardware.transcript': async () => ({ lines: this.grid.lines() }),
      'hardware.bridge': ({ action, port, allowAnyLocal }) =>
        action === 'start' ? this.startBridge(port ?? 0, allowAnyLocal ?? false) : this.stopBridge(),
      'hardware.wire': ({ port, deviceIn, deviceOut }) =>
        this.wire(port, {
          ...(deviceIn === undefined ? {} : { deviceIn }),
          ...(deviceOut === undefined ? {} : { deviceOut }),
        }),
      'hardware.sideBySide': ({ action }) => this.setSideBySide(action === 'start'),
      'hardware.compare': () => this.compare(),
    };
  }

  async stop(): Promise<void> {
    for (const off of this.#offs) off();
    if (this.#compareTimer) clearTimeout(this.#compareTimer);
    if (this.#statusTimer) clearTimeout(this.#statusTimer);
    await this.#bridge?.close();
    this.#bridge = null;
    await this.#modem.close();
  }

  /** The line closed (asked for, or a device went): the bridge, wiring and side by side end with it. */
  async #lineClosed(): Promise<void> {
    await this.#bridge?.close();
    this.#bridge = null;
    this.#sideBySide = false;
    this.#openedForWiring = false;
    await this.#unwire();
    this.#scheduleStatus(true);
  }

  async #unwire(): Promise<void> {
    if (this.#wiring === 'tape') return;
    this.#wiring = 'tape';
    this.#offSerial?.();
    this.#offSerial = null;
    await this.#emulator()
      ?.wireSerial(false)
      .catch(() => {});
  }

  #changed(): HardwareStatus {
    this.#scheduleStatus(true);
    return this.status;
  }

  #scheduleStatus(now: boolean): void {
    const wait = now ? 0 : Math.max(0, this.#lastStatusAt + STATUS_MS - Date.now());
    if (this.#statusTimer && !now) return;
    if (this.#statusTimer) clearTimeout(this.#statusTimer);
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = null;
      this.#lastStatusAt = Date.now();
      this.#events.emit('hardware.status', this.status);
    }, wait);
  }

  #scheduleCompare(): void {
    if (!this.#sideBySide || this.#compareTimer) return;
    this.#compareTimer = setTimeout(() => {
      this.#compareTimer = null;
      if (this.#sideBySide) this.#compareNow();
    }, COMPARE_MS);
  }

  #compareNow(): Comparison {
    const comparison = compareLines(this.#video ? screenLines(this.#video) : [], this.grid.lines());
    const changed = JSON.stringify(comparison) !== JSON.stringify(this.#comparison);
    this.#comparison = comparison;
    if (changed && this.#sideBySide) this.#events.emit('hardware.compare', comparison);
    return comparison;
  }
}
