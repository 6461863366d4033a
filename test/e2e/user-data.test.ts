import { spawnSync } from 'node:child_process';
import { lstat, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { startBuiltWebHost } from '../support/web-host-process.ts';

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('the built browser host and its user data folder', () => {
  it.skipIf(process.platform === 'win32')(
    'starts on defaults beside a FIFO at settings.json, says why, and leaves the FIFO alone',
    async () => {
      const settings = path.join(dir, 'settings.json');
      expect(spawnSync('mkfifo', [settings]).status).toBe(0);
      const host = await startBuiltWebHost(dir);
      expect(await host.stop()).toBe(0);
      expect(host.output()).toMatch(/settings\.json is not a regular file/);
      expect((await lstat(settings)).isFIFO()).toBe(true);
    },
  );

  it('uploads into its temporary folder and leaves nothing there when it shuts down', async () => {
    const host = await startBuiltWebHost(dir);
    const response = await fetch(`${host.origin}/upload?name=tape.wav`, {
      method: 'POST',
      body: new Uint8Array(1000),
      headers: { 'x-superboard-token': host.token },
    });
    expect(response.status).toBe(200);
    const [session] = await readdir(path.join(dir, 'temp'));
    expect(await readdir(path.join(dir, 'temp', session!))).toHaveLength(1);
    await writeFile(path.join(dir, 'temp', session!, 'mine.txt'), 'not the app’s');
    expect(await host.stop()).toBe(0);
    expect(await readdir(path.join(dir, 'temp', session!))).toEqual(['mine.txt']);
  });
});
