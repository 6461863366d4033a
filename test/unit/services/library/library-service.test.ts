import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  EventName,
  RequestInput,
  RequestMethod,
  RequestOutput,
} from '../../../../src-main/ipc/contract.ts';
import { dispatch } from '../../../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../../../src-main/services/app-services.ts';
import { basicTape, PEEK_PROGRAM } from '../../../support/library-tapes.ts';
import { makeServices } from '../../../support/services.ts';

describe('library section of the contract', () => {
  let services: AppServices;
  let userDataDir: string;
  let remove: () => Promise<void>;
  const seen: { name: EventName; payload: unknown }[] = [];

  beforeEach(async () => {
    ({ services, userDataDir, remove } = await makeServices());
    services.events.subscribe((name, payload) => seen.push({ name, payload }));
    seen.length = 0;
  });

  afterEach(async () => {
    await services.stop();
    await remove();
  });

  async function call<M extends RequestMethod>(
    method: M,
    payload: RequestInput<M>,
  ): Promise<RequestOutput<M>> {
    const result = await dispatch(services.handlers(), method, payload, { host: 'browser' });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as RequestOutput<M>;
  }

  async function importFiles(files: Record<string, Uint8Array | string>, extra: { tapeId?: number } = {}) {
    const ids: string[] = [];
    for (const [name, data] of Object.entries(files)) {
      const file = path.join(userDataDir, name);
      await writeFile(file, data);
      ids.push((await services.files.register(file)).fileId);
    }
    const { importId } = await call('library.import', { fileIds: ids, ...extra });
    for (;;) {
      const done = seen.find(
        (e) => e.name === 'library.importDone' && (e.payload as { importId: string }).importId === importId,
      );
      if (done)
        return done.payload as RequestOutput<'library.list'> & {
          entries: { status: string; tapeId: number; takeId: number }[];
        };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('opens the default library in the user data folder', async () => {
    const info = await call('library.info', null);
    expect(info).toMatchObject({
      folder: path.join(userDataDir, 'library'),
      open: true,
      problem: null,
      tapes: 0,
    });
  });

  it('imports opened files with progress events and a report, then lists, searches and edits', async () => {
    const done = await importFiles({ 'peek.wav': basicTape(PEEK_PROGRAM), 'hello.bas': '10 PRINT "HI"\n' });
    expect(done.entries.map((e) => e.status)).toEqual(['imported', 'imported']);
    const progress = seen
      .filter((e) => e.name === 'library.importProgress')
      .map((e) => e.payload as { done: number; total: number });
    expect(progress.at(-1)).toMatchObject({ done: 2, total: 2 });
    expect(seen.some((e) => e.name === 'library.changed')).toBe(true);
    const found = await call('library.list', { search: 'PEEK' });
    expect(found.items.map((t) => t.title)).toEqual(['peek']);
    const tapeId = found.items[0]!.id;
    const edited = await call('library.update', { tapeId, title: 'Screen fill', side: 'A', tags: 'demo' });
    expect(edited).toMatchObject({ title: 'Screen fill', side: 'A', tags: 'demo' });
    const content = await call('library.content', { takeId: edited.takes[0]!.id });
    expect(content.text).toContain('30 X=PEEK(53248+I)');
    const ref = await call('library.openTake', { takeId: edited.takes[0]!.id });
    expect(ref.name).toBe('peek.wav');
    const exported = await call('library.export', { takeId: edited.takes[0]!.id, format: 'text' });
    expect(exported.fileName).toBe('peek.txt');
    expect(services.tapes.exportFile(exported.download!.fileId)).not.toBeNull();
    expect(await readFile(services.files.get(exported.download!.fileId).path, 'utf8')).toContain('PEEK');
  });

  it('compares and merges two takes of one tape', async () => {
    const first = await importFiles({ 'a.wav': basicTape(PEEK_PROGRAM, [30, 90], 30) });
    const tapeId = first.entries[0]!.tapeId;
    const second = await importFiles({ 'b.wav': basicTape(PEEK_PROGRAM, [60, 120], 60) }, { tapeId });
    const a = first.entries[0]!.takeId;
    const b = second.entries[0]!.takeId;
    const compared = await call('library.compare', { a, b });
    expect(compared.differences.length).toBeGreaterThan(0);
    const merged = await call('library.merge', { takeIds: [a, b] });
    const tape = await call('library.tape', { tapeId });
    expect(tape.takes.at(-1)).toMatchObject({
      id: merged.takeId,
      format: 'merged',
      errorCount: 0,
      derivedFrom: [a, b],
    });
  });

  it('refuses malformed library requests before they reach the service', async () => {
    for (const [method, payload] of [
      ['library.update', { tapeId: 'x' }],
      ['library.list', { limit: 5000 }],
      ['library.merge', { takeIds: [1] }],
      ['library.open', { folder: 42 }],
      ['library.export', { takeId: 1, format: 'exe' }],
    ] as const) {
      const result = await dispatch(services.handlers(), method, payload, { host: 'browser' });
      expect(result.ok ? null : result.error.code).toBe('bad-request');
    }
    const missing = await dispatch(services.handlers(), 'library.tape', { tapeId: 999 }, { host: 'browser' });
    expect(missing.ok ? null : missing.error.code).toBe('not-found');
  });

  it('reports a library folder it cannot open and keeps running', async () => {
    const file = path.join(userDataDir, 'plain-file');
    await writeFile(file, 'x');
    const info = await call('library.open', { folder: file });
    expect(info.open).toBe(false);
    expect(info.problem?.reason).toBe('unwritable');
    const list = await dispatch(services.handlers(), 'library.list', {}, { host: 'browser' });
    expect(list.ok).toBe(false);
    expect((await call('library.open', { folder: null })).open).toBe(true);
  });
});
