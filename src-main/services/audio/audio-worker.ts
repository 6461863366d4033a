// The audio worker: owns the sound card (RtAudio through audify) so capture, playback and decoding never
// wait on the main thread's event loop. One capture, one playback and one soft-modem at a time.
import { parentPort } from 'node:worker_threads';
import { findDevice } from '../../core/audio/devices.ts';
import type { AudioMessage, AudioRequest, PlayOptions } from './audio-protocol.ts';
import { CaptureSession } from './capture-session.ts';
import { MODEM_AHEAD, PlaybackSession, TAPE_AHEAD } from './playback-session.ts';
import { openRtAudio, toAudioDevice } from './rtaudio.ts';
import { AudioFileFeed, EncodedBytesFeed, LiveKcsFeed, type SampleFeed } from './sample-feeds.ts';

const port = parentPort;
if (!port) throw new Error('audio-worker must run in a worker thread');
const post = (message: AudioMessage): void => port.postMessage(message);

let capture: CaptureSession | null = null;
let playback: PlaybackSession | null = null;
let modem: { feed: LiveKcsFeed; reported: number; timer: ReturnType<typeof setInterval> } | null = null;

function preferredRate(device: string, direction: 'input' | 'output'): number {
  return findDevice(openRtAudio().getDevices().map(toAudioDevice), device, direction).preferredSampleRate;
}

async function feedFor(options: PlayOptions): Promise<SampleFeed> {
  const { source } = options;
  if (source.kind === 'audio') return AudioFileFeed.open(source.path);
  const rate = options.sampleRate ?? preferredRate(options.device, 'output');
  return new EncodedBytesFeed(source.bytes, rate, source.leaderSeconds, source.trailerSeconds);
}

async function startPlayback(device: string, feed: SampleFeed, ahead = TAPE_AHEAD): Promise<PlaybackSession> {
  const session = await PlaybackSession.start(
    device,
    feed,
    (progress) => post({ kind: 'playProgress', progress }),
    (position, error) => {
      if (playback === session) playback = null;
      post({ kind: 'playEnded', position, ...(error === undefined ? {} : { error }) });
    },
    ahead,
  );
  return session;
}

async function handle(request: AudioRequest): Promise<unknown> {
  switch (request.kind) {
    case 'devices':
      return openRtAudio().getDevices().map(toAudioDevice);
    case 'capture': {
      if (capture) throw new Error('a recording is already running');
      const session = await CaptureSession.start(
        request.options,
        (update) => post({ kind: 'capture', update }),
        (summary) => {
          if (capture === session) capture = null;
          post({ kind: 'captureEnded', summary });
        },
      );
      capture = session;
      return { sampleRate: session.sampleRate };
    }
    case 'captureStop':
      await capture?.stop();
      return null;
    case 'play': {
      if (playback) throw new Error('a tape is already playing');
      const feed = await feedFor(request.options);
      playback = await startPlayback(request.options.device, feed);
      return {
        sampleRate: feed.sampleRate,
        total: feed.totalFrames === null ? null : feed.totalFrames / feed.sampleRate,
      };
    }
    case 'playControl':
      if (!playback) throw new Error('nothing is playing');
      if (request.action === 'pause') playback.pause();
      else if (request.action === 'resume') playback.resume();
      else await playback.stop();
      return null;
    case 'modem': {
      if (modem || playback || capture)
        throw new Error('the sound card is busy (a recording, a tape or a modem)');
      const { deviceIn, deviceOut } = request.options;
      const rate = request.options.sampleRate ?? preferredRate(deviceOut, 'output');
      const feed = new LiveKcsFeed(rate);
      playback = await startPlayback(deviceOut, feed, MODEM_AHEAD);
      try {
        capture = await CaptureSession.start(
          { device: deviceIn, sampleRate: rate },
          (update) => post({ kind: 'capture', update }),
          (summary) => {
            capture = null;
            post({ kind: 'captureEnded', summary });
          },
        );
      } catch (error) {
        await playback.stop();
        throw error;
      }
      const timer = setInterval(() => {
        if (modem && modem.feed.sent !== modem.reported) {
          post({ kind: 'modemSent', bytes: modem.feed.sent - modem.reported });
          modem.reported = modem.feed.sent;
        }
      }, 50);
      modem = { feed, reported: 0, timer };
      return { sampleRate: rate };
    }
    case 'modemSend':
      if (!modem) throw new Error('the soft-modem is not running');
      modem.feed.send(request.bytes);
      return { queued: modem.feed.queued };
    case 'shutdown':
      if (modem) clearInterval(modem.timer);
      modem = null;
      await Promise.all([capture?.stop(), playback?.stop()]);
      return null;
    case 'modemStop': {
      if (!modem) return null;
      clearInterval(modem.timer);
      modem = null;
      await Promise.all([capture?.stop(), playback?.stop()]);
      return null;
    }
  }
}

port.on('message', (request: AudioRequest) => {
  handle(request).then(
    (value) => post({ kind: 'reply', id: request.id, ok: true, value }),
    (error: unknown) =>
      post({
        kind: 'reply',
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
