/**
 * A small seeded PRNG (the mulberry32 construction: a Weyl sequence through an avalanche mix) for power-on
 * memory contents. Deterministic per seed so tests and saved states are reproducible.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The current state; `new SeededRandom(seed)` or `reseed(seed)` continues the same sequence. */
  get seed(): number {
    return this.state;
  }

  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** The next 32-bit value. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  nextByte(): number {
    return this.nextUint32() >>> 24;
  }

  fill(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) bytes[i] = this.nextByte();
  }
}
