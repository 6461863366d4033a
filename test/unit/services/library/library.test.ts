import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import { basicTextToBytes, encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import {
  DB_FILE,
  LibraryError,
  type Library,
  type ListQuery,
} from '../../../../src-main/services/library/library.ts';
import { writeLibraryExport } from '../../../../src-main/services/library/library-export.ts';
import { decodeTapeFile } from '../../../../src-main/services/tape-decode.ts';
import { basicTape, PEEK_PROGRAM, twoRecordings } from '../../../support/library-tapes.ts';
import { openLibrary } from '../../../support/library.ts';
import { tempDir } from '../../../support/temp-dir.ts';
import { wavBytes } from '../../../support/wav-writer.ts';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const HELLO = '10 PRINT "HELLO"\n20 GOTO 10\n';

describe('Library', () => {
  let work: { dir: string; remove: () => Promise<void> };
  let library: Library;
  let folder: string;
  let inbox: string;

  beforeEach(async () => {
    work = await tempDir('sbl-library-');
    folder = path.join(work.dir, 'lib');
    inbox = path.join(work.dir, 'inbox');
    await mkdir(path.join(inbox, 'sub'), { recursive: true });
    library = await openLibrary(folder);
  });

  afterEach(async () => {
    await library.close();
    await work.remove();
  });

  async function put(name: string, data: Uint8Array | string): Promise<string> {
    const file = path.join(inbox, name);
    await writeFile(file, data);
    return file;
  }

  it('imports a folder of mixed files recursively, with a report of what was imported, skipped and failed', async () => {
    await put('peek.wav', basicTape(PEEK_PROGRAM));
    await put('sub/hello.bas', HELLO);
    await put(
      'sub/prog.65v',
      build65v({ address: 0x0200, bytes: Uint8Array.of(0xa9, 0x41, 0x60) }, { run: true }),
    );
    await put('sub/code.bin', Uint8Array.of(0xea, 0xea, 0x60));
    await put('sub/copy-of-peek.wav', basicTape(PEEK_PROGRAM));
    await put('notes.doc', Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1));
    await put('broken.wav', ascii('RIFF\x10\x00\x00\x00WAVEfmt '));
    const progress: number[] = [];
    const report = await library.import([{ path: inbox }], { onProgress: (p) => progress.push(p.done) });
    const byName = Object.fromEntries(report.map((e) => [e.name, e]));
    expect(report).toHaveLength(7);
    expect(byName['peek.wav']?.status).toBe('imported');
    expect(byName['hello.bas']?.status).toBe('imported');
    expect(byName['prog.65v']?.status).toBe('imported');
    expect(byName['code.bin']?.status).toBe('imported');
    // Same bytes as peek.wav: stored once (which of the two comes first depends on the decoders' pace).
    const twins = [byName['peek.wav']!, byName['copy-of-peek.wav']!];
    expect(twins.map((e) => e.status).sort()).toEqual(['imported', 'skipped']);
    expect(twins.find((e) => e.status === 'skipped')?.reason).toMatch(
      /already in the library|the same file as/,
    );
    // The report names each file once: its reason stands after the name without repeating it.
    expect(byName['notes.doc']).toMatchObject({
      status: 'failed',
      reason: 'neither a recording (WAV, FLAC, Ogg, MP3) nor a BASIC or 65V text',
    });
    expect(byName['broken.wav']?.status).toBe('failed');
    expect(byName['broken.wav']?.reason).toMatch(/^[a-z]/);
    expect(byName['broken.wav']?.reason).not.toContain('broken.wav');
    expect(byName['broken.wav']?.reason).not.toContain(inbox);
    expect(progress.at(-1)).toBe(7);

    const list = library.list({ sort: 'title' });
    expect(list.total).toBe(4);
    expect(list.items.map((t) => t.title).sort()).toEqual(
      ['code', 'hello', 'prog', twins.find((e) => e.status === 'imported')!.name.replace('.wav', '')].sort(),
    );
    const peek = library.tape(twins.find((e) => e.status === 'imported')!.tapeId!);
    const take = peek.takes[0]!;
    expect(take).toMatchObject({
      format: 'wav',
      sampleRate: 22050,
      channels: 1,
      errorCount: 0,
      present: true,
      tapeFormat: '300 baud 8N2 (detected)',
    });
    // A take that is not a recording has no tape format.
    expect(library.tape(byName['code.bin']!.tapeId!).takes[0]!.tapeFormat).toBeNull();
    expect(take.byteCount).toBe(basicTextToBytes(PEEK_PROGRAM).length);
    expect(take.blocks).toEqual([
      expect.objectContaining({ kind: 'basic', preview: '10 REM SCREEN FILL', errors: 0 }),
    ]);
    expect(library.tape(byName['code.bin']!.tapeId!).takes[0]!.blocks[0]).toMatchObject({
      kind: '65v',
      preview: '65V $0200-$0202, 3 bytes',
    });
    // The original is kept byte for byte, content-addressed, with a path relative to the folder.
    const original = await readFile(library.originalPath(take.id));
    expect(original).toEqual(await readFile(path.join(inbox, 'peek.wav')));
    expect(take.name).toMatch(/peek\.wav$/);
    expect(path.relative(folder, library.originalPath(take.id))).toBe(
      `media/${take.sha256.slice(0, 2)}/${take.sha256}.wav`,
    );
    expect(await readdir(path.join(folder, 'tmp'))).toEqual([]);
  });

  it('stops an import when cancelled, reporting the files it left alone', async () => {
    for (let i = 0; i < 12; i++) await put(`p${String(i).padStart(2, '0')}.bas`, `10 PRINT ${i}\n`);
    const controller = new AbortController();
    const report = await library.import([{ path: inbox }], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
    });
    const imported = report.filter((e) => e.status === 'imported').length;
    const cancelled = report.filter((e) => e.reason === 'import cancelled').length;
    expect(imported).toBeGreaterThanOrEqual(3);
    expect(imported + cancelled).toBe(12);
    expect(cancelled).toBeGreaterThan(0);
    expect(library.list().total).toBe(imported);
  });

  it('finds programs by a word of their listing, title, notes or tags', async () => {
    await put('peek.wav', basicTape(PEEK_PROGRAM));
    await put('hello.bas', HELLO);
    const report = await library.import([{ path: inbox }]);
    const hello = report.find((e) => e.name === 'hello.bas')!.tapeId!;
    expect(library.list({ search: 'PEEK' }).items.map((t) => t.title)).toEqual(['peek']);
    expect(library.list({ search: 'poke 53248' }).items.map((t) => t.title)).toEqual(['peek']);
    expect(library.list({ search: 'PRINT' }).total).toBe(2);
    expect(library.list({ search: 'nowhere' }).total).toBe(0);
    library.update(hello, {
      title: 'Greeting',
      notes: 'from the club meeting',
      tags: 'demo loop',
      side: 'B',
    });
    expect(library.list({ search: 'club' }).items.map((t) => t.title)).toEqual(['Greeting']);
    expect(library.list({ search: 'lo' }).items.map((t) => t.title)).toContain('Greeting');
    // Words of one or two characters match anywhere, in any case, like longer ones.
    expect(library.list({ search: 'eK' }).items.map((t) => t.title)).toEqual(['peek']);
    expect(library.list({ search: 'ub' }).items.map((t) => t.title)).toEqual(['Greeting']);
    expect(library.list({ search: 'ub PEEK' }).total).toBe(0);
    expect(library.list({ search: 'ub lo' }).items.map((t) => t.title)).toEqual(['Greeting']);
    expect(library.list({ search: '9' }).total).toBe(0);
    expect(library.list({ search: 'Q' }).total).toBe(0);
    expect(library.list({ search: 'p' }).total).toBe(2);
    library.trash('tape', hello);
    expect(library.list({ search: 'ub' }).total).toBe(0);
    library.restore('tape', hello);
    expect(library.list({ search: 'ub' }).items.map((t) => t.title)).toEqual(['Greeting']);
    expect(library.tape(hello)).toMatchObject({
      side: 'B',
      tags: 'demo loop',
      notes: 'from the club meeting',
    });
    expect(library.list({ kind: 'basic' }).total).toBe(2);
    expect(library.list({ origin: 'emulator' }).total).toBe(0);
    expect(() => library.update(hello, { title: ' ' })).toThrow(LibraryError);
  });

  it('filters by the date a tape was added or last changed', async () => {
    await put('one.bas', '10 PRINT 1\n');
    await put('two.bas', '10 PRINT 2\n');
    await library.import([{ path: inbox }]);
    const day = 86_400_000;
    const set = library.db.prepare('UPDATE tapes SET created_at = ?, modified_at = ? WHERE title = ?');
    set.run(10 * day, 30 * day, 'one');
    set.run(20 * day, 21 * day, 'two');
    const titles = (query: ListQuery): string[] =>
      library.list({ ...query, sort: 'title' }).items.map((t) => t.title);
    expect(titles({ from: 15 * day })).toEqual(['two']);
    expect(titles({ to: 15 * day })).toEqual(['one']);
    expect(titles({ from: 10 * day, to: 20 * day })).toEqual(['one']);
    expect(titles({ from: 10 * day, to: 20 * day + 1 })).toEqual(['one', 'two']);
    expect(titles({ dateOf: 'modified', from: 25 * day })).toEqual(['one']);
    expect(titles({ dateOf: 'modified', to: 25 * day })).toEqual(['two']);
    expect(titles({ dateOf: 'modified', from: 22 * day, to: 29 * day })).toEqual([]);
  });

  it('splits a recording into its blocks and points at errors in samples', async () => {
    const listing = basicTextToBytes(HELLO);
    const code = ascii(build65v({ address: 0x0300, bytes: new Uint8Array(8) }, { run: true }));
    await put('two.wav', twoRecordings(listing, code));
    await put('damaged.wav', basicTape(PEEK_PROGRAM, [30]));
    const report = await library.import([{ path: inbox }]);
    const two = library.tape(report.find((e) => e.name === 'two.wav')!.tapeId!).takes[0]!;
    expect(two.blocks.map((b) => [b.kind, b.length])).toEqual([
      ['basic', listing.length],
      ['65v', code.length],
    ]);
    expect(two.blocks[1]!.startSample).toBeGreaterThan(two.blocks[0]!.endSample + 22050);
    const damaged = library.tape(report.find((e) => e.name === 'damaged.wav')!.tapeId!).takes[0]!;
    expect(damaged.errorCount).toBeGreaterThan(0);
    const decoded = await decodeTapeFile(path.join(inbox, 'damaged.wav'));
    const firstBad = decoded.bytes.find((b) => b.framingError || b.lowConfidence)!;
    expect(damaged.blocks[0]!.firstError).toBe(firstBad.start);
    expect(library.list({ errors: 'with' }).items.map((t) => t.title)).toEqual(['damaged']);
  });

  it('keeps the tape format each recording was decoded in, and gives it back after reopening', async () => {
    const data = basicTextToBytes(PEEK_PROGRAM);
    const eight = encodeKcs(data, { sampleRate: 22050, leaderSeconds: 1, trailerSeconds: 0.5, stopBits: 1 });
    const fast = encodeKcs(data, { sampleRate: 22050, leaderSeconds: 1, trailerSeconds: 0.5, baud: 600 });
    const report = await library.import([
      { path: await put('n1.wav', wavBytes(eight, 22050)) },
      { path: await put('fast.wav', wavBytes(fast, 22050)) },
    ]);
    const formatOf = (name: string): string | null =>
      library.tape(report.find((e) => e.name === name)!.tapeId!).takes[0]!.tapeFormat;
    expect(formatOf('n1.wav')).toBe('300 baud 8N1 (detected)');
    expect(formatOf('fast.wav')).toBe('600 baud 8N2 (detected)');
    await library.close();
    library = await openLibrary(folder);
    expect(formatOf('n1.wav')).toBe('300 baud 8N1 (detected)');
  });

  it("gives each tape's tape formats once, in the order of its takes, leaving out trashed takes", async () => {
    const data = basicTextToBytes(PEEK_PROGRAM);
    const n1 = encodeKcs(data, { sampleRate: 22050, leaderSeconds: 1, trailerSeconds: 0.5, stopBits: 1 });
    const [first] = await library.import([{ path: await put('n2.wav', basicTape(PEEK_PROGRAM)) }]);
    const tapeId = first!.tapeId!;
    const more = await library.import(
      [
        { path: await put('n1.wav', wavBytes(n1, 22050)) },
        { path: await put('n2-again.wav', basicTape(PEEK_PROGRAM, [30], 2)) },
      ],
      { tapeId },
    );
    const [listing] = await library.import([{ path: await put('hello.bas', HELLO) }]);
    const formats = library.tapeFormats([tapeId, listing!.tapeId!, 999]);
    expect(formats.get(tapeId)).toEqual(['300 baud 8N2 (detected)', '300 baud 8N1 (detected)']);
    expect([...formats.keys()]).toEqual([tapeId]);
    library.trash('take', more.find((e) => e.name === 'n1.wav')!.takeId!);
    expect(library.tapeFormats([tapeId]).get(tapeId)).toEqual(['300 baud 8N2 (detected)']);
    expect(library.tapeFormats([]).size).toBe(0);
  });

  it('imports a damaged Ogg tape decoded past the damage, with one warning in the report and the take', async () => {
    const ogg = Buffer.from(
      await readFile(path.join(import.meta.dirname, '../../../fixtures/audio/kcs-tape-16k.ogg')),
    );
    // The capture pattern of the page at 7,626 (the fourth): the reader resumes at the next page.
    ogg[7626] = 0x6f;
    ogg[7627] = 0x00;
    const [entry] = await library.import([{ path: await put('damaged.ogg', ogg) }]);
    const message =
      /^damaged ogg-vorbis file from byte 7626 \(at 1\.3 s of audio\): 0\.80 s skipped in 1 place/;
    expect(entry).toMatchObject({ status: 'imported', reason: expect.stringMatching(message) });
    const take = library.tape(entry!.tapeId!).takes[0]!;
    expect(take.warnings).toEqual([expect.stringMatching(message)]);
    expect(take.durationSeconds).toBeCloseTo(80320 / 16000, 3);
    expect(take.byteCount).toBeGreaterThan(96 - 30);
  });

  it('compares two impaired takes aligned and merges them into an exact copy kept as a derived take', async () => {
    const a = await put('take-a.wav', basicTape(PEEK_PROGRAM, [30, 90], 30));
    const b = await put('take-b.wav', basicTape(PEEK_PROGRAM, [60, 120], 60));
    const [first] = await library.import([{ path: a }]);
    const tapeId = first!.tapeId!;
    const [second] = await library.import([{ path: b }], { tapeId });
    const takeA = first!.takeId!;
    const takeB = second!.takeId!;
    const comparison = library.compare(takeA, takeB);
    expect(comparison.distance).toBeGreaterThan(0);
    expect(comparison.differences.length).toBeGreaterThanOrEqual(3);
    // Aligned, not positional: the byte take B lost does not make everything after it differ.
    expect(comparison.distance).toBeLessThan(10);
    const merged = await library.merge([takeA, takeB]);
    const content = library.content(merged.takeId);
    expect(Array.from(content.bytes)).toEqual(Array.from(basicTextToBytes(PEEK_PROGRAM)));
    const tape = library.tape(tapeId);
    expect(tape.takes.map((t) => t.id)).toEqual([takeA, takeB, merged.takeId]);
    expect(tape.takes[2]).toMatchObject({ format: 'merged', derivedFrom: [takeA, takeB], errorCount: 0 });
    expect(tape.errorCount).toBe(0);
    library.update(tapeId, { bestTakeId: merged.takeId });
    expect(library.tape(tapeId).takes[2]!.best).toBe(true);
  });

  it('moves tapes and takes to the trash with undo, and empties it deleting only unused files it stored', async () => {
    await put('hello.bas', HELLO);
    await put('peek.wav', basicTape(PEEK_PROGRAM));
    const report = await library.import([{ path: inbox }]);
    const hello = report.find((e) => e.name === 'hello.bas')!;
    const peek = report.find((e) => e.name === 'peek.wav')!;
    const helloFile = library.originalPath(hello.takeId!);
    library.trash('tape', hello.tapeId!);
    expect(library.list().total).toBe(1);
    expect(library.list({ search: 'HELLO' }).total).toBe(0);
    expect(library.trashed()).toEqual([
      expect.objectContaining({ kind: 'tape', id: hello.tapeId, title: 'hello' }),
    ]);
    library.restore('tape', hello.tapeId!);
    expect(library.list({ search: 'HELLO' }).total).toBe(1);
    library.trash('take', peek.takeId!);
    expect(library.tape(peek.tapeId!).takeCount).toBe(0);
    library.trash('tape', hello.tapeId!);
    expect(await library.emptyTrash()).toBe(2);
    expect(existsSync(helloFile)).toBe(false);
    expect(library.trashed()).toEqual([]);
    expect(() => library.tape(hello.tapeId!)).toThrow(/no tape/);
    // The input files are the user's and are never touched.
    expect(existsSync(path.join(inbox, 'hello.bas'))).toBe(true);
  });

  it('exports a take in every format, and all of them in one zip with a manifest', async () => {
    const file = await put('peek.wav', basicTape(PEEK_PROGRAM, [40]));
    const [entry] = await library.import([{ path: file }]);
    const out = path.join(work.dir, 'out');
    await mkdir(out);
    const takeId = entry!.takeId!;
    await writeLibraryExport(library, takeId, 'original', path.join(out, 'o.wav'));
    expect(await readFile(path.join(out, 'o.wav'))).toEqual(await readFile(file));
    await writeLibraryExport(library, takeId, 'text', path.join(out, 't.txt'));
    expect(await readFile(path.join(out, 't.txt'), 'utf8')).toContain('X=PEEK(53248+I)');
    await writeLibraryExport(library, takeId, 'wav', path.join(out, 'clean.wav'), { rate: 44100 });
    const clean = await decodeTapeFile(path.join(out, 'clean.wav'));
    expect(Uint8Array.from(clean.bytes.map((b) => b.value))).toEqual(library.content(takeId).bytes);
    await writeLibraryExport(library, takeId, 'labels', path.join(out, 'l.txt'));
    const labels = (await readFile(path.join(out, 'l.txt'), 'utf8')).trim().split('\n');
    expect(labels[0]).toMatch(/^\d\.\d{6}\t\d+\.\d{6}\t#1 basic: 10 REM SCREEN FILL$/);
    expect(labels.some((l) => l.endsWith('weak byte'))).toBe(true);
    await expect(writeLibraryExport(library, takeId, '65v', path.join(out, 'x.65v'))).rejects.toThrow(
      /BASIC listing/,
    );
    await writeLibraryExport(library, takeId, 'zip', path.join(out, 'all.zip'));
    const zip = unzipSync(await readFile(path.join(out, 'all.zip')));
    expect(Object.keys(zip).sort()).toEqual(
      ['manifest.json', 'peek.wav', 'peek.clean.wav', 'peek.txt', 'peek.bin', 'peek.labels.txt'].sort(),
    );
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json'])) as {
      tape: { title: string };
      files: { file: string; bytes: number }[];
      skipped: { format: string }[];
    };
    expect(manifest.tape.title).toBe('peek');
    expect(manifest.files.find((f) => f.file === 'peek.wav')?.bytes).toBe((await readFile(file)).length);
    expect(manifest.skipped.map((s) => s.format)).toEqual(['65v']);
    expect(await readdir(out)).toEqual(['all.zip', 'clean.wav', 'l.txt', 'o.wav', 't.txt']);
  });

  it('reports orphans and missing files at start-up, sweeps its own unfinished copies, and re-attaches', async () => {
    await put('hello.bas', HELLO);
    await put('peek.wav', basicTape(PEEK_PROGRAM));
    const report = await library.import([{ path: inbox }]);
    const helloFile = library.originalPath(report.find((e) => e.name === 'hello.bas')!.takeId!);
    await library.close();
    await rm(helloFile);
    const stray = path.join(folder, 'media', 'ab', `ab${'0'.repeat(62)}.bas`);
    await mkdir(path.dirname(stray), { recursive: true });
    await writeFile(stray, '10 PRINT "LOST AND FOUND"\n');
    await writeFile(path.join(folder, 'tmp', 'import-1234abcd.part'), 'half a copy');
    await writeFile(path.join(folder, 'tmp', 'users-own-file.txt'), 'not ours');
    library = await openLibrary(folder);
    expect(library.startup.sweptTemp).toBe(1);
    expect(await readdir(path.join(folder, 'tmp'))).toEqual(['users-own-file.txt']);
    expect(library.startup.orphans).toEqual([path.relative(folder, stray).split(path.sep).join('/')]);
    expect(library.startup.missing).toEqual([
      expect.objectContaining({ tapeId: report.find((e) => e.name === 'hello.bas')!.tapeId }),
    ]);
    // Still listed, marked as missing, not dropped.
    expect(library.list().total).toBe(2);
    const entry = await library.resolveOrphan(library.startup.orphans[0]!, 'reattach');
    expect(entry?.status).toBe('imported');
    expect(library.list({ search: 'LOST AND FOUND' }).total).toBe(1);
    expect(library.startup.orphans).toEqual([]);
  });

  it('refuses a catalogue from a newer version and a damaged one, changing nothing until told', async () => {
    await put('hello.bas', HELLO);
    await library.import([{ path: inbox }]);
    await library.close();
    const dbPath = path.join(folder, DB_FILE);
    const db = new DatabaseSync(dbPath);
    db.exec('PRAGMA user_version = 99');
    db.close();
    const before = await readFile(dbPath);
    await expect(openLibrary(folder)).rejects.toMatchObject({
      reason: 'newer',
      message: expect.stringContaining('newer version'),
    });
    expect(await readFile(dbPath)).toEqual(before);

    await rm(`${dbPath}-wal`, { force: true });
    await rm(`${dbPath}-shm`, { force: true });
    const garbage = new Uint8Array(8192).fill(0x5a);
    await writeFile(dbPath, garbage);
    await expect(openLibrary(folder)).rejects.toMatchObject({ reason: 'corrupt' });
    expect(await readFile(dbPath)).toEqual(Buffer.from(garbage));
    library = await openLibrary(folder, { startFresh: true });
    expect(library.list().total).toBe(0);
    const kept = (await readdir(folder)).filter((n) => n.startsWith(`${DB_FILE}.corrupt-`));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(folder, kept[0]!))).toEqual(Buffer.from(garbage));
    // The recording stored before is now an orphan, offered for re-attaching.
    expect(library.startup.orphans).toHaveLength(1);
  });

  it('refuses a library folder it cannot write to', async () => {
    const file = await put('not-a-folder', 'x');
    await expect(openLibrary(file)).rejects.toMatchObject({ reason: 'unwritable' });
  });
});
