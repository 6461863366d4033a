// Recording a Superboard from a sound card, measured through a private PulseAudio null sink (what the board
// would send is played into it with pacat; we record its monitor):
//  - CPU: the whole `superboard-lab record --seconds N` command (start-up, worker, live decode, WAV writing)
//    against minimodem receiving the same audio from the same source (`minimodem --rx 300`), alternating,
//    3 runs each, medians; CPU seconds (user + sys) per second of audio, as a percentage of one core.
//  - Decode delay (in-process): how long after a byte's last stop bit the decoder, fed the capture's blocks,
//    reports it. A decoded byte is posted to the main thread at once.
// Run: node test/bench/audio-capture.bench.ts [--seconds N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KcsDecoder } from '../../src-main/core/modem/kcs-decoder.ts';
import { concatSamples, KcsEncoder } from '../../src-main/core/modem/kcs-encoder.ts';
import { CAPTURE_FRAMES } from '../../src-main/services/audio/capture-session.ts';
import { testBytes } from '../support/byte-errors.ts';

const root = path.resolve(import.meta.dirname, '../..');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 15;
const RATE = 44100;
const work = mkdtempSync(path.join(os.tmpdir(), 'sbl-audio-bench-'));
const pulseDir = path.join(work, 'pulse');
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function startPulse(): string {
  const out = execFileSync('bash', [path.join(root, 'scripts/test-audio.sh'), 'start', pulseDir], {
    encoding: 'utf8',
  });
  const server = /^PULSE_SERVER=(.*)$/m.exec(out)?.[1];
  if (!server) throw new Error(out);
  process.env.PULSE_SERVER = server;
  return server;
}

/** A tape of `length` seconds: leader, then test bytes to the end. */
function tape(length: number): Buffer {
  const encoder = new KcsEncoder({ sampleRate: RATE, waveform: 'sine', amplitude: 0.6 });
  const parts = [encoder.carrier(0.5)];
  let chunk = 0;
  while (encoder.samplesWritten < length * RATE) parts.push(encoder.bytes(testBytes(27, ++chunk)));
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

function playInBackground(samples: Buffer): ReturnType<typeof spawn> {
  const player = spawn('pacat', [
    '--playback',
    '--device=sbl_board_to_lab',
    '--format=float32le',
    `--rate=${RATE}`,
    '--channels=1',
    '--raw',
  ]);
  player.stdin.on('error', () => {});
  player.stdin.end(samples);
  return player;
}

/** CPU seconds per audio second of one whole command, timed by bash. */
function cpuOf(command: string, env: NodeJS.ProcessEnv): { cpu: number; wall: number } {
  const player = playInBackground(tape(seconds + 3));
  const result = spawnSync(
    'bash',
    ['-c', `TIMEFORMAT='%R %U %S'; { time (${command} >/dev/null 2>&1) ; } 2>&1`],
    {
      env,
      encoding: 'utf8',
      cwd: work,
    },
  );
  player.kill();
  const [real, user, sys] = (result.stdout.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { cpu: ((user ?? NaN) + (sys ?? NaN)) / seconds, wall: real ?? NaN };
}

/**
 * How long after a byte's last stop bit the decoder reports it, when fed the capture's blocks (CAPTURE_FRAMES):
 * the block wait plus the decoder's own look-ahead (in-process, pure decoder, no sound server).
 */
function decoderDelay(): number[] {
  const encoder = new KcsEncoder({ sampleRate: RATE, waveform: 'sine', amplitude: 0.6 });
  const parts = [encoder.carrier(1)];
  for (let i = 0; i < 20; i++) parts.push(encoder.bytes(Uint8Array.of(0x41 + i)), encoder.carrier(0.45));
  const samples = concatSamples(parts);
  const decoder = new KcsDecoder({ sampleRate: RATE, bitEvents: false });
  const delays: number[] = [];
  for (let at = 0; at < samples.length; at += CAPTURE_FRAMES) {
    const end = Math.min(samples.length, at + CAPTURE_FRAMES);
    for (const event of decoder.push(samples.subarray(at, end))) {
      if (event.type === 'byte') delays.push(((end - event.end) / RATE) * 1000);
    }
  }
  if (delays.length !== 20) throw new Error(`decoded ${delays.length} of 20 bytes`);
  return delays;
}

try {
  const server = startPulse();
  const env = { ...process.env, PULSE_SERVER: server };
  const cli = `node ${path.join(root, 'bin/superboard-lab.js')} record ${path.join(work, 'take')}-$RANDOM.wav --device 'Board to Lab' --seconds ${seconds} --user-data ${work}`;
  const minimodem = `PULSE_SOURCE=sbl_board_to_lab.monitor timeout ${seconds} minimodem --rx 300 -M 2400 -S 1200 --stopbits 2`;
  const haveMinimodem = spawnSync('minimodem', ['--version']).status === 0;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let run = 0; run < 3; run++) {
    ours.push(cpuOf(cli, env).cpu);
    if (haveMinimodem) theirs.push(cpuOf(minimodem, env).cpu);
  }
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  console.log(
    `recording ${seconds} s of 44.1 kHz KCS from a PulseAudio null sink's monitor (whole commands, median of 3):`,
  );
  console.log(
    `  superboard-lab record (live decode + WAV): ${pct(median(ours))} of a core  [${ours.map(pct).join(', ')}]`,
  );
  if (haveMinimodem)
    console.log(
      `  minimodem --rx 300:                         ${pct(median(theirs))} of a core  [${theirs.map(pct).join(', ')}]`,
    );
  else console.log('  minimodem: not installed');
  const delays = decoderDelay();
  console.log(
    `decode delay after a byte's last stop bit, ${CAPTURE_FRAMES.toLocaleString('en')}-frame blocks at 44.1 kHz (in-process, 20 bytes):`,
  );
  console.log(
    `  median ${median(delays).toFixed(1)} ms, worst ${Math.max(...delays).toFixed(1)} ms ` +
      "(plus the sound server's input buffering, not measured here; one byte at 300 baud takes 36.7 ms)",
  );
} finally {
  spawnSync('bash', [path.join(root, 'scripts/test-audio.sh'), 'stop', pulseDir]);
  rmSync(work, { recursive: true, force: true });
}
