// The real Superboard at the far end of the cassette cable, simulated: a second emulator (Lab Monitor), paced
// at real time, whose cassette port is wired to the test PulseAudio's null sinks through pacat. What its ACIA
// sends is encoded as KCS and played to "SBL Board to Lab"; what is played to "SBL Lab to Board" is decoded
// and fed to its ACIA, as a tape in its cassette input would be.
import { spawn, type ChildProcess } from 'node:child_process';
import { LiveByteSource } from '../../src-main/core/machine/cassette-port.ts';
import { loadBasicRom, loadMonitorRom } from '../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../src-main/core/machine/superboard.ts';
import { KcsDecoder } from '../../src-main/core/modem/kcs-decoder.ts';
import { KcsTapeRecorder } from '../../src-main/core/modem/kcs-tape.ts';
import { labMonitor, videoText } from './emulator.ts';

const RATE = 44_100;
const TICK_MS = 10;

function pacat(args: string[], latencyMs = 1000): ChildProcess {
  return spawn(
    'pacat',
    [...args, '--format=float32le', `--rate=${RATE}`, '--channels=1', '--raw', `--latency-msec=${latencyMs}`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
}

export class SimulatedBoard {
  readonly machine: Superboard;
  /** Every byte the board's cassette input decoded, in order. */
  readonly heard: number[] = [];
  readonly #player: ChildProcess;
  readonly #listener: ChildProcess;
  readonly #input = new LiveByteSource();
  #recorder: KcsTapeRecorder | null = null;
  readonly #timer: ReturnType<typeof setInterval>;
  #last = performance.now();

  private constructor(machine: Superboard, outputLatencyMs: number) {
    this.machine = machine;
    this.#player = pacat(['--playback', '--device=sbl_board_to_lab'], outputLatencyMs);
    this.#player.stdin?.on('error', () => {});
    machine.cassette.play(this.#input, { speed: 'fast' });
    this.#listener = pacat(['--record', '--device=sbl_lab_to_board.monitor']);
    const decoder = new KcsDecoder({ sampleRate: RATE, bitEvents: false });
    let carry = Buffer.alloc(0);
    this.#listener.stdout?.on('data', (chunk: Buffer) => {
      const data = Buffer.concat([carry, chunk]);
      const whole = data.length - (data.length % 4);
      carry = data.subarray(whole);
      const samples = new Float32Array(whole / 4);
      for (let i = 0; i < samples.length; i++) samples[i] = data.readFloatLE(i * 4);
      for (const event of decoder.push(samples)) {
        if (event.type !== 'byte') continue;
        this.heard.push(event.value);
        this.#input.push([event.value]);
      }
    });
    this.#timer = setInterval(() => this.#tick(), TICK_MS);
  }

  /**
   * A board with the Lab Monitor (or `monitor`), running in real time: booted into the machine-code monitor, or
   * into the boot menu when a `basic` ROM image is given. A larger `outputLatencyMs` lets a long SAVE sent with
   * runAhead ride out a busy test process (it starts that much later).
   */
  static async start(
    options: { outputLatencyMs?: number; monitor?: Uint8Array; basic?: Uint8Array } = {},
  ): Promise<SimulatedBoard> {
    const monitor = loadMonitorRom(options.monitor ?? (await labMonitor()));
    const roms = options.basic === undefined ? { monitor } : { monitor, basic: loadBasicRom(options.basic) };
    const machine = new Superboard({ roms, seed: 11 });
    return new SimulatedBoard(machine, options.outputLatencyMs ?? 1000);
  }

  /** The cassette output comes alive: idle mark, and every byte the ACIA sends, in real time. */
  lineOn(): void {
    this.#recorder = new KcsTapeRecorder({
      sampleRate: RATE,
      cpuHz: this.machine.cpuHz,
      waveform: 'square',
      amplitude: 0.6,
      // The leader is also the slack that keeps pacat from running dry when the test machine is busy.
      leaderSeconds: 1,
      startCycle: this.machine.cpu.cycles,
      onSamples: (samples) =>
        this.#player.stdin?.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)),
    });
    this.machine.cassette.sink = this.#recorder;
  }

  /** Silence on the cable (the recorder switched off). */
  lineOff(): void {
    this.#recorder = null;
    this.machine.cassette.sink = null;
  }

  /**
   * Runs `seconds` of board time at once, ahead of the clock, its cassette output queued for pacat: a board
   * that only sends (a SAVE) then cannot be starved into a gap by a busy test machine.
   */
  runAhead(seconds: number): void {
    const step = Math.round(this.machine.cpuHz / 100);
    for (let t = 0; t < seconds * 100; t++) {
      this.machine.run(step);
      this.#recorder?.idleUntil(this.machine.cpu.cycles);
    }
  }

  #tick(): void {
    const now = performance.now();
    // Catch up on all the time that passed (up to a second), so the audio it makes keeps pace with real time.
    const elapsed = Math.min(1000, now - this.#last);
    this.#last = now;
    this.machine.run(Math.round((elapsed / 1000) * this.machine.cpuHz));
    this.#recorder?.idleUntil(this.machine.cpu.cycles);
  }

  screen(): string {
    return videoText(this.machine.peekRange(0xd000, 1024)).join('\n');
  }

  /** Resolves when `test` holds, checked every 50 ms; rejects after `ms`. */
  async until(what: string, test: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (Date.now() > deadline)
        throw new Error(`the simulated board never ${what}; its screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#player.stdin?.end();
    this.#player.kill();
    this.#listener.kill();
  }
}
