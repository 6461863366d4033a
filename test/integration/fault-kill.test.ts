import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-main/ipc/contract.ts';
import { SettingsStore } from '../../src-main/services/settings-store.ts';
import { TempFolder } from '../../src-main/services/temp-folder.ts';
import { killAtRandomPoints } from '../support/fault-harness.ts';
import { tempDir } from '../support/temp-dir.ts';
import { REPO } from '../support/web-host-process.ts';

const CHILD = path.join(REPO, 'test/support/fault-child.ts');
/** Time for each test: more when FAULT_ROUNDS asks for a longer run. */
const TIMEOUT = 60_000 + (Number(process.env.FAULT_ROUNDS) || 0) * 3_000;

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

/**
 * Reopens the user data folder as the app does at start-up and checks that nothing is left over: the
 * temporary folder holds only the new session's (empty) folder, and the user data folder only `allowed`.
 * Returns the settings found.
 */
async function reopen(allowed: string[]) {
  const temp = new TempFolder(dir);
  await temp.open();
  try {
    const settings = new SettingsStore(dir, temp);
    const loaded = await settings.load();
    expect(settings.loadProblem).toBeNull();
    expect(await readdir(temp.root)).toEqual([path.basename(temp.dir)]);
    expect(await readdir(temp.dir)).toEqual([]);
    // `library` is the tape library the app opens at start-up: the user's catalogue, not a leftover.
    for (const name of await readdir(dir)) expect([...allowed, 'temp', 'library']).toContain(name);
    return loaded;
  } finally {
    await temp.close();
  }
}

describe('kill -9 at random points', () => {
  it(
    'loses no committed settings change and leaves no temporary file',
    async () => {
      let found = DEFAULT_SETTINGS.layout.columnSplit;
      await killAtRandomPoints({
        rounds: 5,
        maxDelayMs: 150,
        child: () => ({ script: CHILD, args: ['settings', dir] }),
        check: async (run) => {
          const lastCommit = run.commits.at(-1);
          const possible = [lastCommit ?? String(found), run.begun.at(-1) ?? String(found)].map(Number);
          found = (await reopen(['settings.json'])).layout.columnSplit;
          expect(possible).toContain(found);
        },
      });
    },
    TIMEOUT,
  );

  it(
    'leaves nothing of uploads, finished or partial',
    async () => {
      const runs = await killAtRandomPoints({
        rounds: 4,
        maxDelayMs: 300,
        child: () => ({ script: CHILD, args: ['upload', dir] }),
        check: async (run) => {
          for (const commit of run.commits) expect(commit).toMatch(/ 4194304$/);
          await reopen([]);
        },
      });
      expect(runs.some((run) => run.begun.length > run.commits.length)).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'leaves no spill or export of a tape, in its own folder or the system’s',
    async () => {
      const systemTemp = path.join(dir, 'system-temp');
      await mkdir(systemTemp);
      const tape = path.join(REPO, 'test/fixtures/audio/kcs-tones-stereo.flac');
      await killAtRandomPoints({
        rounds: 4,
        maxDelayMs: 700,
        child: () => ({ script: CHILD, args: ['tape', dir, tape], env: { TMPDIR: systemTemp } }),
        check: async () => {
          expect(await readdir(systemTemp)).toEqual([]);
          await reopen(['system-temp']);
        },
      });
    },
    TIMEOUT,
  );
});
