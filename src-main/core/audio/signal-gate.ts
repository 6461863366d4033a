// Arm-on-signal recording, as a user presses REC and then types SAVE on the board: nothing is kept until a
// carrier appears (a little audio from before it is kept too, so the leader's start is on the recording),
// and the recording stops after a set time without carrier.

export type GateState = 'armed' | 'recording' | 'done';

export interface SignalGateOptions {
  sampleRate: number;
  /** Stop after this much time without carrier once recording (Infinity: never). */
  silenceSeconds: number;
  /** Audio kept from before the carrier was found. */
  preRollSeconds?: number;
}

/**
 * Fed with blocks of samples and whether the decoder hears a carrier at the end of each, it says which
 * samples to keep: `push` returns the blocks to write (the pre-roll first when recording starts).
 */
export class SignalGate {
  state: GateState = 'armed';
  readonly #silenceSamples: number;
  readonly #preRollSamples: number;
  #preRoll: Float32Array[] = [];
  #preRollLength = 0;
  #quiet = 0;

  constructor(options: SignalGateOptions) {
    if (!(options.silenceSeconds > 0)) throw new RangeError('silence time must be more than 0 s');
    this.#silenceSamples = options.silenceSeconds * options.sampleRate;
    this.#preRollSamples = Math.round((options.preRollSeconds ?? 0.5) * options.sampleRate);
  }

  push(samples: Float32Array, carrier: boolean): Float32Array[] {
    if (this.state === 'done') return [];
    if (this.state === 'armed') {
      if (carrier) {
        this.state = 'recording';
        const kept = [...this.#preRoll, samples];
        this.#preRoll = [];
        this.#preRollLength = 0;
        return kept;
      }
      this.#preRoll.push(samples);
      this.#preRollLength += samples.length;
      while (
        this.#preRoll.length > 0 &&
        this.#preRollLength - (this.#preRoll[0]?.length ?? 0) >= this.#preRollSamples
      ) {
        this.#preRollLength -= this.#preRoll.shift()?.length ?? 0;
      }
      return [];
    }
    this.#quiet = carrier ? 0 : this.#quiet + samples.length;
    if (this.#quiet >= this.#silenceSamples) this.state = 'done';
    return [samples];
  }
}
