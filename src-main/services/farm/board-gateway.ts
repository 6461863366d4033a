/**
 * The board gateway: listens to the real board through the soft-modem (the audio worker's modem: decode
 * from one device, encode to another), reads the cloud driver's request frames, runs each request as farm
 * jobs, and plays the framed answer back to the board. One request at a time, as the driver waits for
 * each answer. See docs/cloud.md ("The real board").
 */
import {
  composeAnswer,
  describeRequest,
  errorAnswer,
  FrameReader,
  parseRequest,
  REQUEST_START,
  requestJobs,
  resendAnswer,
  type BoardFrame,
} from '../../core/jobs/board-link.ts';
import type { Job, JobResult } from '../../core/jobs/job.ts';
import type { AudioService } from '../audio/audio-service.ts';

/** A frame whose bytes stop coming for this long is dropped (the board was reset, the cable pulled). */
const FRAME_GAP_MS = 3000;
/**
 * The same request again this soon after its answer has played is the driver asking again because the
 * answer reached it damaged: it gets the same answer, not a new run. (An answer byte takes 36.7 ms.)
 */
const REPEAT_MS = 15_000;
const BYTE_MS = 37;

/** Runs a request's jobs and gives their results in order (the app's Jobs service, or a farm engine). */
export type JobRunner = (jobs: readonly Job[]) => Promise<JobResult[]>;

export interface BoardGatewayOptions {
  readonly audio: Pick<AudioService, 'on' | 'modem' | 'modemSend' | 'modemStop'>;
  readonly deviceIn: string;
  readonly deviceOut: string;
  readonly run: JobRunner;
  /** One line per request, answer and problem. */
  readonly log?: (line: string) => void;
}

export interface GatewayStatus {
  readonly running: boolean;
  readonly deviceIn: string;
  readonly deviceOut: string;
  readonly requests: number;
  readonly last: string | null;
}

export class BoardGateway {
  readonly #options: BoardGatewayOptions;
  readonly #reader = new FrameReader(REQUEST_START);
  #lastByte = 0;
  #off: (() => void) | null = null;
  #started = false;
  /** The request being answered; the next waits for it. */
  #busy: Promise<void> = Promise.resolve();
  #requests = 0;
  #last: string | null = null;
  #serial = 0;
  #lastAnswer: { key: string; answer: Uint8Array; until: number } | null = null;

  constructor(options: BoardGatewayOptions) {
    this.#options = options;
  }

  status(): GatewayStatus {
    return {
      running: this.#off !== null,
      deviceIn: this.#options.deviceIn,
      deviceOut: this.#options.deviceOut,
      requests: this.#requests,
      last: this.#last,
    };
  }

  /** Starts the soft-modem and listens; throws when the sound card is busy or a device is missing. */
  async start(): Promise<{ sampleRate: number }> {
    if (this.#off !== null) throw new Error('the gateway is already listening');
    const audio = this.#options.audio;
    this.#off = audio.on((event) => {
      if (event.kind === 'capture') for (const byte of event.update.bytes) this.#byte(byte.value);
      else if (event.kind === 'captureEnded' && this.#off !== null) {
        // The soft-modem stopped on its own (a device gone): no longer listening.
        this.#off();
        this.#off = null;
        this.#note(`the soft-modem stopped: ${event.summary.error ?? event.summary.reason}`);
      }
    });
    try {
      const started = await audio.modem({
        deviceIn: this.#options.deviceIn,
        deviceOut: this.#options.deviceOut,
      });
      this.#started = true;
      return started;
    } catch (error) {
      this.#off();
      this.#off = null;
      throw error;
    }
  }

  /** Stops listening once the request in hand (if any) has been answered. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#off?.();
    this.#off = null;
    await this.#busy;
    // Also after the capture side ended on its own: the worker's modem still holds the output.
    await this.#options.audio.modemStop();
  }

  /** Resolves when every request heard so far has been answered (tests). */
  idle(): Promise<void> {
    return this.#busy;
  }

  #byte(value: number): void {
    const now = Date.now();
    if (this.#reader.inFrame && now - this.#lastByte > FRAME_GAP_MS) this.#reader.reset();
    this.#lastByte = now;
    const event = this.#reader.push(value);
    if (event === null) return;
    const answer =
      event.type === 'bad-checksum'
        ? async () => {
            this.#note('a request with a bad checksum: asking for it again');
            return resendAnswer();
          }
        : () => this.#answerOnce(event.frame);
    this.#busy = this.#busy.then(async () => {
      try {
        await this.#options.audio.modemSend(await answer());
      } catch (error) {
        this.#note(`could not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  }

  async #answerOnce(frame: BoardFrame): Promise<Uint8Array> {
    const key = `${frame.kind}:${frame.text}`;
    const last = this.#lastAnswer;
    if (last !== null && last.key === key && Date.now() < last.until) {
      this.#note('the same request again: sending the same answer again');
      last.until = Date.now() + REPEAT_MS + last.answer.length * BYTE_MS;
      return last.answer;
    }
    const answer = await this.#answer(frame);
    this.#lastAnswer = { key, answer, until: Date.now() + REPEAT_MS + answer.length * BYTE_MS };
    return answer;
  }

  async #answer(frame: BoardFrame): Promise<Uint8Array> {
    this.#requests++;
    const request = parseRequest(frame);
    if (typeof request === 'string') {
      this.#note(`refused ${JSON.stringify(String.fromCharCode(frame.kind) + frame.text)}: ${request}`);
      return errorAnswer(request);
    }
    this.#note(`request: ${describeRequest(request)}`);
    let results: JobResult[];
    try {
      results = await this.#options.run(requestJobs(request, `board${++this.#serial}`));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#note(`the farm failed: ${message}`);
      return errorAnswer(`FARM: ${message}`);
    }
    const answer = composeAnswer(request, results);
    this.#note(`answer: ${JSON.stringify(String.fromCharCode(...answer.slice(3, -1)))}`);
    return answer;
  }

  #note(line: string): void {
    this.#last = line;
    this.#options.log?.(line);
  }
}
