// Closing a tape gives back what it held: its entry in the service, its threads and its spill file.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import type { CallContext } from '../../../../src-main/ipc/dispatch.ts';
import { makeServices } from '../../../support/services.ts';
import { REPO } from '../../../support/web-host-process.ts';

const browser: CallContext = { host: 'browser' };
const threads = (): number => Number(/Threads:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

it.runIf(process.platform === 'linux')(
  'ends the threads of a closed tape and deletes its spill file',
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
        await handlers['tape.close']({ tapeId }, browser);
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
