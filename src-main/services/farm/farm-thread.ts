// One farm thread: runs jobs one at a time on fresh emulated Superboards and posts progress and results.
import { parentPort, workerData } from 'node:worker_threads';
import { validateJob } from '../../core/jobs/job.ts';
import { buildRomCatalog, chooseJobRoms } from '../../core/jobs/job-roms.ts';
import { runJob } from '../../core/jobs/run-job.ts';
import { loadMonitorRom } from '../../core/machine/rom-set.ts';
import type { ThreadReply, ThreadRequest, ThreadSetup } from './thread-pool.ts';

const port = parentPort;
if (port === null) throw new Error('farm-thread runs as a worker thread only');

const setup = workerData as ThreadSetup;
const labMonitor = { ...loadMonitorRom(setup.labMonitor), name: 'Lab Monitor' };
const catalog = buildRomCatalog(setup.roms);
const post = (reply: ThreadReply): void => port.postMessage(reply);

port.on('message', (request: ThreadRequest) => {
  const parsed = validateJob(request.job);
  if (!parsed.ok) {
    post({ type: 'result', result: parsed.result });
    return;
  }
  const job = parsed.job;
  const roms = chooseJobRoms(job, catalog, labMonitor);
  if (!roms.ok) {
    post({ type: 'result', result: { id: job.id, ok: false, reason: 'invalid', error: roms.error } });
    return;
  }
  const result = runJob(job, roms.roms, {
    now: () => performance.now(),
    onProgress: (cycles, limit) => post({ type: 'progress', cycles, limit }),
  });
  post({ type: 'result', result });
});
