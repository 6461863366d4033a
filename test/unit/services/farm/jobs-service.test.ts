import { afterEach, describe, expect, it } from 'vitest';
import type { JobsSnapshot } from '../../../../src-main/ipc/contract.ts';
import { EventHub } from '../../../../src-main/ipc/event-hub.ts';
import { JobsService } from '../../../../src-main/services/farm/jobs-service.ts';
import { labMonitor } from '../../../support/emulator.ts';

const THREAD = new URL('../../../../src-main/services/farm/farm-thread.ts', import.meta.url);

let service: JobsService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});

describe('JobsService (the app side of the farm)', () => {
  it('runs submitted jobs in its threads and reports them queued, running, done and failed', async () => {
    const events = new EventHub();
    const seen: JobsSnapshot[] = [];
    events.subscribe((name, payload) => name === 'jobs.changed' && seen.push(payload as JobsSnapshot));
    service = new JobsService({ events, threadUrl: THREAD, labMonitor, threads: 1 });
    const text = [
      JSON.stringify({ id: 'boot', until: 'HELP', cycles: 5_000_000 }),
      'not json',
      JSON.stringify({ id: 'long', seconds: 3 }),
    ].join('\n');
    expect(await service.submit(text)).toEqual({ accepted: 2, rejected: 1 });
    const first = service.snapshot();
    expect(first.engine).toBe('1 thread here');
    // One thread: the first job starts at once, the other waits its turn.
    expect(first.jobs.map((j) => [j.id, j.state])).toEqual([
      ['boot', 'running'],
      [null, 'failed'],
      ['long', 'queued'],
    ]);
    await service.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = seen.at(-1)!;
    expect(last.jobs.map((j) => [j.id, j.state, j.reason])).toEqual([
      ['boot', 'done', 'text'],
      [null, 'failed', 'invalid'],
      ['long', 'done', 'limit'],
    ]);
    expect(last.jobs[0]!.screen).toContain('SUPERBOARD LAB MONITOR');
    expect(last.jobs[1]!.error).toMatch(/line 2 is not JSON/);
    expect(last.jobs.map((j) => j.progress)).toEqual([1, 1, 1]);
    expect(service.clear().jobs).toEqual([]);
  });

  it('refuses a queue URL that is not Redis before taking any job', async () => {
    service = new JobsService({ events: new EventHub(), threadUrl: THREAD, labMonitor });
    await expect(service.submit('{"id": "x"}', 'http://example')).rejects.toThrow(/redis:\/\//);
    expect(service.snapshot().jobs).toEqual([]);
  });
});
