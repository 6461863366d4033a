// Which samples of a tape the Waveform area shows, and at what scale: a left edge and a number of samples per
// CSS pixel, nothing proportional to the tape's length. Zooming, panning and the minimap only change these two
// numbers; what to fetch from the main side is derived from them (the view plus one width either side, at the
// view's resolution), so every step costs the same on a 15-second and a 3-hour tape.

/** The closest zoom: single cycles of the tones are tens of pixels wide. */
export const MAX_PX_PER_SECOND = 120_000;

/** Samples [start, end) asked for in `columns` min/max columns. */
export interface FetchWindow {
  start: number;
  end: number;
  columns: number;
}

export class WaveformViewport {
  /** Samples in the tape. */
  readonly frames: number;
  readonly sampleRate: number;
  /** CSS pixels across the view. */
  #width = 1;
  /** The sample at the left edge (fractional). */
  #start = 0;
  #samplesPerPx = 1;

  constructor(frames: number, sampleRate: number, width: number) {
    this.frames = Math.max(1, frames);
    this.sampleRate = sampleRate;
    this.#width = Math.max(1, width);
    this.fit();
  }

  /** An independent copy, to work out where a zoom or scroll would lead without moving this view. */
  clone(): WaveformViewport {
    const copy = new WaveformViewport(this.frames, this.sampleRate, this.#width);
    copy.#start = this.#start;
    copy.#samplesPerPx = this.#samplesPerPx;
    return copy;
  }

  get width(): number {
    return this.#width;
  }

  get start(): number {
    return this.#start;
  }

  get end(): number {
    return Math.min(this.frames, this.#start + this.#width * this.#samplesPerPx);
  }

  get samplesPerPx(): number {
    return this.#samplesPerPx;
  }

  get pxPerSecond(): number {
    return this.sampleRate / this.#samplesPerPx;
  }

  /** The sample at the middle of the view. */
  get centre(): number {
    return this.#start + (this.#width / 2) * this.#samplesPerPx;
  }

  /** True when the whole tape is in view. */
  get fitted(): boolean {
    return this.#samplesPerPx >= this.#maxSamplesPerPx() * 0.999;
  }

  sampleAt(x: number): number {
    return this.#start + x * this.#samplesPerPx;
  }

  xOf(sample: number): number {
    return (sample - this.#start) / this.#samplesPerPx;
  }

  /** A new width keeps the centre where it was (and the whole tape in view if it was). */
  resize(width: number): void {
    const fitted = this.fitted;
    const centre = this.centre;
    this.#width = Math.max(1, width);
    if (fitted) this.fit();
    else this.centreOn(centre);
  }

  fit(): void {
    this.#samplesPerPx = this.#maxSamplesPerPx();
    this.#start = 0;
  }

  /** Zooms to `pxPerSecond` keeping the sample under `anchorX` (default the middle) where it is. */
  zoomTo(pxPerSecond: number, anchorX = this.#width / 2): void {
    const anchor = this.sampleAt(anchorX);
    const wanted = this.sampleRate / Math.max(1e-9, pxPerSecond);
    this.#samplesPerPx = Math.max(this.#minSamplesPerPx(), Math.min(this.#maxSamplesPerPx(), wanted));
    this.#start = anchor - anchorX * this.#samplesPerPx;
    this.#clamp();
  }

  zoomBy(factor: number, anchorX?: number): void {
    this.zoomTo(this.pxPerSecond * factor, anchorX);
  }

  panBy(pixels: number): void {
    this.#start += pixels * this.#samplesPerPx;
    this.#clamp();
  }

  centreOn(sample: number): void {
    this.#start = sample - (this.#width / 2) * this.#samplesPerPx;
    this.#clamp();
  }

  /** What to fetch for this view: it and one width either side, in columns one CSS pixel wide. */
  fetchWindow(): FetchWindow {
    const margin = this.#width * this.#samplesPerPx;
    const start = Math.max(0, Math.floor(this.#start - margin));
    const end = Math.min(this.frames, Math.ceil(this.end + margin));
    const columns = Math.max(1, Math.round((end - start) / this.#samplesPerPx));
    return { start, end: Math.max(start + 1, end), columns };
  }

  /** True when data fetched for `loaded` covers this view at (nearly) its resolution. */
  covers(loaded: FetchWindow | null): boolean {
    if (!loaded) return false;
    const perColumn = (loaded.end - loaded.start) / loaded.columns;
    const ratio = perColumn / this.#samplesPerPx;
    return (
      loaded.start <= Math.floor(this.#start) &&
      loaded.end >= Math.min(this.frames, Math.ceil(this.end)) &&
      ratio > 0.7 &&
      ratio < 1.4
    );
  }

  #maxSamplesPerPx(): number {
    return this.frames / this.#width;
  }

  #minSamplesPerPx(): number {
    return Math.min(this.sampleRate / MAX_PX_PER_SECOND, this.#maxSamplesPerPx());
  }

  #clamp(): void {
    const span = this.#width * this.#samplesPerPx;
    this.#start = Math.max(0, Math.min(this.frames - span, this.#start));
  }
}
