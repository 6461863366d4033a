// A stand-in farm thread for the pool's tests: "crash" throws, "hang" never answers, "exit" ends the thread,
// anything else is answered at once with the job's id.
import { parentPort } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from '../../src-main/services/farm/thread-pool.ts';

const port = parentPort!;
port.on('message', ({ job }: ThreadRequest) => {
  const id = (job as { id: string }).id;
  if (id === 'crash') throw new Error('boom');
  if (id === 'exit') process.exit(3);
  if (id === 'hang') for (;;);
  port.postMessage({ type: 'progress', cycles: 1, limit: 2 } satisfies ThreadReply);
  port.postMessage({
    type: 'result',
    result: { id, ok: true, reason: 'limit', cycles: 2 },
  } satisfies ThreadReply);
});
