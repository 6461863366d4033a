// The live waveform's columns: the min and max of every `step` samples, reduced as blocks stream in, so the
// capture sends a few thousand numbers a second instead of every sample.

export interface EnvelopeColumns {
  /** Stream position (in samples) of the first column. */
  start: number;
  step: number;
  min: number[];
  max: number[];
}

export class EnvelopeReducer {
  readonly step: number;
  /** Stream position of the next column to finish. */
  #columnStart = 0;
  #filled = 0;
  #min = Infinity;
  #max = -Infinity;
  #pending: EnvelopeColumns;

  constructor(step: number) {
    if (!Number.isInteger(step) || step < 1)
      throw new RangeError(`envelope step ${step} is not a whole number ≥ 1`);
    this.step = step;
    this.#pending = { start: 0, step, min: [], max: [] };
  }

  push(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i] as number;
      if (s < this.#min) this.#min = s;
      if (s > this.#max) this.#max = s;
      if (++this.#filled === this.step) {
        this.#pending.min.push(this.#min);
        this.#pending.max.push(this.#max);
        this.#columnStart += this.step;
        this.#filled = 0;
        this.#min = Infinity;
        this.#max = -Infinity;
      }
    }
  }

  /** The columns finished since the last take. */
  take(): EnvelopeColumns {
    const out = this.#pending;
    this.#pending = { start: this.#columnStart, step: this.step, min: [], max: [] };
    return out;
  }
}
