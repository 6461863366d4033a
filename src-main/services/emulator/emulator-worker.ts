// The emulator's worker thread: the machine runs here so emulation never blocks IPC on the main thread.
import { parentPort } from 'node:worker_threads';
import { EmulatorRunner } from './emulator-runner.ts';
import type { EmulatorMessage, EmulatorRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('emulator-worker must run as a worker thread');

const post = (message: EmulatorMessage): void => port.postMessage(message);

const runner = new EmulatorRunner(() => performance.now(), {
  frame: (frame, video) => post({ kind: 'frame', frame, video }),
  status: (status) => post({ kind: 'status', status }),
});

let timer: NodeJS.Timeout | null = null;
function schedule(delay: number): void {
  timer = setTimeout(loop, delay);
}
function loop(): void {
  timer = null;
  schedule(runner.tick());
}

port.on('message', (request: EmulatorRequest) => {
  try {
    const value = request.kind === 'configure' ? runner.configure(request.config) : runner.command(request);
    post({ kind: 'reply', id: request.id, ok: true, value });
    if (timer === null) schedule(0);
  } catch (error) {
    post({
      kind: 'reply',
      id: request.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
