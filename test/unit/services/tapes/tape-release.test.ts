// Closing a tape gives back what it held: its entry in the service, its process (and with it all the memory
// the analysis used), its threads and its spill file.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import type { CallContext } from '../../../../src-main/ipc/dispatch.ts';
import { makeServices } from '../../../support/services.ts';
import { REPO } from '../../../support/web-host-process.ts';

const browser: CallContext = { host: 'browser' };
const threads = (): number => Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

/** The processes this one started that run a tape worker. */
function tapeProcesses(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && command.includes('tape-worker')) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

it.runIf(process.platform === 'linux')(
  'analyses a tape in a process of its own that ends when the tape is closed, and deletes its spill file',
  async () => {
    const { services, remove } = await makeServices();
    try {
      const handlers = services.handlers();
      const analysed = new Set<string>();
      services.events.subscribe((name, payload) => {
        if (name === 'tape.analyzed') analysed.add((payload as { tapeId: string }).tapeId);
      });
      const openAndClose = async (): Promise<void> => {
        const ref = await services.files.register(
          path.join(REPO, 'test/fixtures/audio/kcs-tones-stereo.flac'),
        );
        const { tapeId } = await handlers['tape.open']({ fileId: ref.fileId }, browser);
        await vi.waitFor(() => expect(analysed.has(tapeId)).toBe(true), { timeout: 30_000 });
        // A compressed tape keeps a 16-bit copy of its channel while open.
        expect((await readdir(services.temp.dir)).filter((f) => f.startsWith('spill-'))).toHaveLength(1);
        // The analysis ran, and the results stay, in a process of its own: ending it gives all back.
        const running = tapeProcesses();
        expect(running).toHaveLength(1);
        await handlers['tape.close']({ tapeId }, browser);
        expect(tapeProcesses()).toEqual([]);
        expect(() => process.kill(running[0]!, 0)).toThrow();
      };
      // The first open starts the threads a process keeps (file I/O, the compiler's).
      await openAndClose();
      const before = threads();
      for (let i = 0; i < 3; i++) await openAndClose();
      expect(services.tapes.openCount).toBe(0);
      expect(threads()).toBe(before);
      expect((await readdir(services.temp.dir)).filter((f) => f.startsWith('spill-'))).toEqual([]);
    } finally {
      await services.stop();
      await remove();
    }
  },
  120_000,
);
