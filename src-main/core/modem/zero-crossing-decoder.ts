// The classic KCS decoder, kept as a baseline for the quality tables: count zero crossings over one bit
// (a 1 bit at 300 baud holds 8 cycles of 2,400 Hz = 16 crossings, a 0 bit 4 cycles of 1,200 Hz = 8),
// call the bit a 1 above 12, and frame bytes like a UART at the nominal rate. No tracking, no AGC.
// It emits the same byte, bit and framing-error events as KcsDecoder (no segments or measurements).

import type { KcsBitEvent, KcsByteEvent, KcsFramingErrorEvent } from './kcs-decoder.ts';

export type ZeroCrossingEvent = KcsByteEvent | KcsBitEvent | KcsFramingErrorEvent;

export interface ZeroCrossingDecoderOptions {
  sampleRate: number;
  baud?: 300 | 600;
  stopBits?: 1 | 2;
  bitEvents?: boolean;
}

export class ZeroCrossingDecoder {
  readonly sampleRate: number;
  private readonly period: number;
  private readonly frameBits: number;
  private readonly bitEvents: boolean;
  private readonly threshold: number;
  private readonly crossings: Uint8Array;
  private ringIndex = 0;
  private count = 0;
  private n = 0;
  private highPass = 0;
  private previousInput = 0;
  private lowPass1 = 0;
  private lowPass2 = 0;
  private readonly beta: number;
  private envelope = 0;
  private sign = 1;
  private level = 0;
  private hunting = true;
  private frameEdge = 0;
  private nextDecision = 0;
  private bitIndex = 0;
  private readonly values: Uint8Array;
  private readonly confidences: Float64Array;
  private readonly alpha: number;
  private readonly envelopeRate: number;
  private out: ZeroCrossingEvent[] = [];

  constructor(options: ZeroCrossingDecoderOptions) {
    const { sampleRate, baud = 300, stopBits = 2, bitEvents = true } = options;
    if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
      throw new RangeError(`zero-crossing decoder: sample rate ${sampleRate} Hz is outside 8000..192000 Hz`);
    }
    this.sampleRate = sampleRate;
    this.period = sampleRate / baud;
    this.frameBits = 9 + stopBits;
    this.bitEvents = bitEvents;
    // Halfway between 2 * 2400 / baud crossings for a 1 and 2 * 1200 / baud for a 0 (12 at 300 baud).
    this.threshold = (2400 + 1200) / baud;
    this.crossings = new Uint8Array(Math.round(this.period));
    this.values = new Uint8Array(this.frameBits);
    this.confidences = new Float64Array(this.frameBits);
    this.alpha = Math.exp((-2 * Math.PI * 200) / sampleRate);
    this.beta = 1 - Math.exp((-2 * Math.PI * Math.min(4000, 0.4 * sampleRate)) / sampleRate);
    this.envelopeRate = 1 / (0.01 * sampleRate);
  }

  push(samples: Float32Array): ZeroCrossingEvent[] {
    this.out = [];
    const ring = this.crossings;
    const size = ring.length;
    for (let i = 0; i < samples.length; i++) {
      const raw = samples[i] ?? 0;
      const x = raw > -1e9 && raw < 1e9 ? raw : 0;
      // One-pole high-pass at 200 Hz against DC and hum, two one-pole low-passes at 4 kHz against hiss.
      this.highPass = this.alpha * (this.highPass + x - this.previousInput);
      this.previousInput = x;
      this.lowPass1 += (this.highPass - this.lowPass1) * this.beta;
      this.lowPass2 += (this.lowPass1 - this.lowPass2) * this.beta;
      const y = this.lowPass2;
      this.envelope += (Math.abs(y) - this.envelope) * this.envelopeRate;
      const hysteresis = 0.2 * this.envelope;
      let crossed = 0;
      if (this.sign > 0 && y < -hysteresis) {
        this.sign = -1;
        crossed = 1;
      } else if (this.sign < 0 && y > hysteresis) {
        this.sign = 1;
        crossed = 1;
      }
      this.count += crossed - (ring[this.ringIndex] ?? 0);
      ring[this.ringIndex] = crossed;
      this.ringIndex = this.ringIndex + 1 === size ? 0 : this.ringIndex + 1;
      const previousLevel = this.level;
      this.level = this.count > this.threshold ? 1 : 0;
      if (this.hunting) {
        if (previousLevel === 1 && this.level === 0) {
          this.hunting = false;
          this.frameEdge = this.n - this.period / 2;
          this.bitIndex = 0;
          this.nextDecision = this.n + this.period / 2;
        }
      } else if (this.n >= this.nextDecision) {
        this.decide();
      }
      this.n++;
    }
    return this.out;
  }

  finish(): ZeroCrossingEvent[] {
    return [];
  }

  private decide(): void {
    const k = this.bitIndex;
    this.values[k] = this.level;
    this.confidences[k] = Math.min(1, Math.abs(this.count - this.threshold) / (this.threshold / 3));
    if (k === 0 && this.level === 1) {
      this.hunting = true;
      return;
    }
    this.bitIndex++;
    this.nextDecision += this.period;
    if (this.bitIndex < this.frameBits) return;
    const start = Math.max(0, Math.round(this.frameEdge));
    const end = Math.round(this.frameEdge + this.frameBits * this.period);
    let value = 0;
    for (let b = 0; b < 8; b++) value |= (this.values[b + 1] ?? 0) << b;
    const stop1 = this.values[9] === 1;
    const stop2 = this.frameBits < 11 || this.values[10] === 1;
    const framingError = !stop1 || !stop2;
    let confidence = 0;
    for (let b = 0; b < this.frameBits; b++) confidence += this.confidences[b] ?? 0;
    if (this.bitEvents) {
      for (let b = 0; b < this.frameBits; b++) {
        this.out.push({
          type: 'bit',
          value: this.values[b] === 1 ? 1 : 0,
          confidence: this.confidences[b] ?? 0,
          start: Math.max(0, Math.round(this.frameEdge + b * this.period)),
          end: Math.round(this.frameEdge + (b + 1) * this.period),
          role: b === 0 ? 'start' : b <= 8 ? 'data' : 'stop',
        });
      }
    }
    this.out.push({ type: 'byte', value, start, end, framingError, confidence: confidence / this.frameBits });
    if (framingError) this.out.push({ type: 'framing-error', start, end, value, stopBit: stop1 ? 2 : 1 });
    this.hunting = true;
  }
}
