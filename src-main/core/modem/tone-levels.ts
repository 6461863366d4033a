// The receiver's level stage. Loudness on a tape moves (a recorder's AGC pumping, a worn tape's amplitude
// modulation, a level step between takes), but an FSK decision needs only the ratio of the two tones, so
// nothing here depends on absolute energy:
//  - ToneBalance learns how loud mark is against space (treble loss on a worn head) from each frame's
//    tone energies divided by that frame's own mean energy, so a common gain change cancels out;
//  - TonePresence decides whether tones are there from the decision margin |M - S| / (M + S), which is a
//    tone-to-noise ratio: about 0.95 for a clean tone whatever its level, uniform on 0..1 (mean 0.5) for
//    noise alone.

/** Smoothing of the tone balance per decided bit cell. */
const BALANCE_RATE = 1 / 16;
/** The balance is trusted within +/-6 dB of the nominal one. */
const BALANCE_LIMIT = 4;

export class ToneBalance {
  /** Weight of the space correlator's energy against mark's (mark's is 1). */
  weightSpace: number;
  private readonly nominal: number;
  private levelMark = 0;
  private levelSpace = 0;
  private markCount = 0;
  private spaceCount = 0;

  /** `nominal`: the space weight that equalises the tones as the filter stage passes them. */
  constructor(nominal: number) {
    this.nominal = nominal;
    this.weightSpace = nominal;
  }

  /**
   * Learns from one decided bit cell: its weighted tone energy `e`, margin `d` (mark minus space) and the
   * mean energy of the frame around it (the local level).
   */
  observe(e: number, d: number, local: number): void {
    if (!(local > 0)) return;
    if (d > 0) {
      this.markCount++;
      const raw = (e + d) / (2 * local);
      this.levelMark += (raw - this.levelMark) * Math.max(BALANCE_RATE, 1 / this.markCount);
    } else {
      this.spaceCount++;
      const raw = (e - d) / (2 * this.weightSpace * local);
      this.levelSpace += (raw - this.levelSpace) * Math.max(BALANCE_RATE, 1 / this.spaceCount);
    }
    if (this.levelMark > 0 && this.levelSpace > 0) {
      const ratio = this.levelMark / this.levelSpace / this.nominal;
      this.weightSpace =
        this.nominal *
        (ratio < 1 / BALANCE_LIMIT ? 1 / BALANCE_LIMIT : ratio > BALANCE_LIMIT ? BALANCE_LIMIT : ratio);
    }
  }

  reset(): void {
    this.levelMark = 0;
    this.levelSpace = 0;
    this.markCount = 0;
    this.spaceCount = 0;
    this.weightSpace = this.nominal;
  }
}

/** Smoothing of the presence measure per bit cell (about 8 cells, 27 ms at 300 baud). */
const PRESENCE_RATE = 1 / 8;
/** Tones are lost below this smoothed margin and found again above the second (hysteresis). */
const ABSENT_BELOW = 0.57;
const PRESENT_ABOVE = 0.72;

export class TonePresence {
  /** Smoothed decision margin of recent bit cells, 0..1. */
  margin = 1;
  /** Input sample where the tones went, or -1 while they are there. */
  absentSince = -1;
  /** Where the last absence started, once the tones are found again. */
  gapStart = -1;
  /** Where the smoothed margin was last above PRESENT_ABOVE. */
  private lastPresent = 0;

  /** One bit cell's decision margin, observed at input sample `sample` (`cell`: a bit period in samples). */
  observe(confidence: number, sample: number, cell: number): 'lost' | 'found' | null {
    this.margin += (confidence - this.margin) * PRESENCE_RATE;
    if (this.absentSince < 0) {
      if (this.margin > PRESENT_ABOVE) this.lastPresent = sample;
      if (this.margin >= ABSENT_BELOW) return null;
      // Falling from a clean tone's margin to PRESENT_ABOVE takes the smoothing about 5 cells.
      this.absentSince = Math.max(0, Math.round(Math.min(this.lastPresent, sample) - 4 * cell));
      return 'lost';
    }
    if (this.margin <= PRESENT_ABOVE) return null;
    this.gapStart = this.absentSince;
    this.absentSince = -1;
    this.lastPresent = sample;
    return 'found';
  }

  reset(): void {
    this.margin = 1;
    this.absentSince = -1;
    this.lastPresent = 0;
  }
}
