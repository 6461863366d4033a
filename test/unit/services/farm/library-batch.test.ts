import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import type { LibraryBatchState } from '../../../../src-main/ipc/contract.ts';
import { EventHub } from '../../../../src-main/ipc/event-hub.ts';
import { AppServices } from '../../../../src-main/services/app-services.ts';
import { messageProgram } from '../../../support/assemble.ts';
import { RATE, tapeSamples } from '../../../support/library-tapes.ts';
import { wavBytes } from '../../../support/wav-writer.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let services: AppServices | null = null;
let remove: (() => Promise<void>) | null = null;
afterEach(async () => {
  await services?.stop();
  services = null;
  await remove?.();
});

async function start(userDataDir: string, events = new EventHub()): Promise<AppServices> {
  const s = new AppServices({ host: 'browser', version: '0.0.0-test', electron: null, userDataDir }, events);
  await s.start();
  return s;
}

describe('the library batch', () => {
  it('runs every tape to its first settled screen, keeps the results with the library across a restart', async () => {
    const temp = await tempDir();
    remove = temp.remove;
    const inbox = path.join(temp.dir, 'inbox');
    await mkdir(inbox);
    await writeFile(
      path.join(inbox, 'greeting.65v'),
      build65v(messageProgram('FIRST SCREEN').segments, { run: 0x0300 }),
    );
    await writeFile(path.join(inbox, 'listing.bas'), '10 PRINT "HELLO"\n20 END\n');
    await writeFile(path.join(inbox, 'data.bin'), Uint8Array.from([0xde, 0xad, 0xbe, 0xef]));
    // A recording of bytes that are neither a listing nor 65V text.
    const noise = Uint8Array.from({ length: 40 }, (_, i) => 0x80 + ((i * 37) % 120));
    await writeFile(path.join(inbox, 'noise.wav'), wavBytes(tapeSamples(noise), RATE));
    const events = new EventHub();
    const seen: LibraryBatchState[] = [];
    events.subscribe(
      (name, payload) => name === 'libraryBatch.changed' && seen.push(payload as LibraryBatchState),
    );
    services = await start(path.join(temp.dir, 'user'), events);
    const report = await services.library.library!.import([{ path: inbox }]);
    const tapeOf = (name: string) => report.find((entry) => entry.name === name)!.tapeId!;

    const started = await services.libraryBatch.start();
    expect(started.running).toBe(true);
    expect(started.total).toBe(4);
    await expect(services.libraryBatch.start()).rejects.toThrow(/already running/);
    await services.libraryBatch.idle();

    const byTape = new Map(services.libraryBatch.state().results.map((r) => [r.tapeId, r]));
    expect(byTape.get(tapeOf('greeting.65v'))).toMatchObject({ ok: true, reason: 'settled', screen: null });
    // A binary file is kept as 65V text without a start: it loads and the monitor's screen settles.
    expect(byTape.get(tapeOf('data.bin'))).toMatchObject({ ok: true, reason: 'settled' });
    expect(byTape.get(tapeOf('noise.wav'))).toMatchObject({
      ok: false,
      reason: 'invalid',
      error: 'no BASIC listing or 65V program on its best take',
    });
    // No BASIC ROM on this machine's farm: the listing fails alone, saying so.
    const listing = byTape.get(tapeOf('listing.bas'))!;
    if (!listing.ok) expect(listing.error).toMatch(/BASIC ROM/);
    // The jobs showed in the Jobs view, and progress came as events.
    expect(
      services.jobs
        .snapshot()
        .jobs.map((j) => j.id)
        .sort(),
    ).toEqual(['greeting.65v', 'listing.bas', 'data.bin'].map((name) => `tape-${tapeOf(name)}`).sort());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen.at(-1)).toMatchObject({ running: false, done: 4, total: 4 });
    expect(
      seen
        .flatMap((s) => s.results)
        .map((r) => r.tapeId)
        .sort(),
    ).toEqual([...byTape.keys()].sort());

    // A restart: the results are still there, beside their tapes.
    await services.stop();
    services = await start(path.join(temp.dir, 'user'));
    const kept = services.libraryBatch.result(tapeOf('greeting.65v'));
    expect(kept?.screen).toContain('FIRST SCREEN');
    expect(services.libraryBatch.state().results).toHaveLength(4);
    expect(services.libraryBatch.state().running).toBe(false);
  }, 60_000);
});
