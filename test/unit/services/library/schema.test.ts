import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../../../src-main/services/library/library.ts';
import {
  indexShortWords,
  migrate,
  SCHEMA_VERSION,
  userVersion,
} from '../../../../src-main/services/library/schema.ts';
import { openLibrary } from '../../../support/library.ts';
import { tempDir } from '../../../support/temp-dir.ts';

/** The tables, indexes and triggers of a database, as SQL text by name. */
function schemaOf(db: DatabaseSync): Record<string, string> {
  const rows = db
    .prepare('SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name')
    .all() as {
    name: string;
    sql: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.sql.replace(/\s+/g, ' ')]));
}

/** A tape with one take holding a BASIC listing, written as a library at `version` would have written it. */
function seed(db: DatabaseSync, version: number): void {
  if (version < 1) return;
  db.prepare("INSERT INTO media (sha256, path, size) VALUES ('aa11', 'media/aa/aa11.bas', 20)").run();
  db.prepare(
    "INSERT INTO tapes (id, title, notes, tags, origin, created_at, modified_at) VALUES (7, 'Old tape', 'from v' || ?, 'keep', 'imported', 1000, 2000)",
  ).run(String(version));
  db.prepare(
    `INSERT INTO takes (id, tape_id, sha256, name, format, bytes, confidence, error_count, summary, listing, created_at)
     VALUES (3, 7, 'aa11', 'old.bas', 'basic', ?, ?, 2, '{}', '10 X=PEEK(11)', 1000)`,
  ).run(new Uint8Array(20), new Uint8Array(20).fill(255));
  db.prepare(
    `INSERT INTO blocks (take_id, idx, kind, offset, length, errors, start_sample, end_sample, first_error, preview)
     VALUES (3, 0, 'basic', 0, 20, 2, 0, 0, 4, '10 X=PEEK(11)')`,
  ).run();
  // From schema 2 on, the app keeps each tape's summary columns.
  if (version >= 2)
    db.exec("UPDATE tapes SET take_count = 1, error_count = 2, byte_count = 20, kinds = 'basic'");
  // From schema 3 on, its search row; from 4 on, its short-word index.
  if (version >= 3)
    db.exec(
      "INSERT INTO tape_search (rowid, title, notes, tags, listing) SELECT id, title, notes, tags, '10 X=PEEK(11)' FROM tapes",
    );
  if (version >= 4) indexShortWords(db, 7);
}

describe('library schema migrations', () => {
  let work: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    work = await tempDir('sbl-schema-');
  });
  afterEach(async () => work.remove());

  it('has a version per migration and builds the same schema however it got there', () => {
    const fresh = new DatabaseSync(':memory:');
    migrate(fresh);
    expect(userVersion(fresh)).toBe(SCHEMA_VERSION);
    for (let from = 0; from < SCHEMA_VERSION; from++) {
      const db = new DatabaseSync(':memory:');
      migrate(db, from);
      seed(db, from);
      migrate(db);
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
    }
  });

  for (let from = 0; from < SCHEMA_VERSION; from++) {
    it(`opens a library of schema ${from}, migrates it forward and keeps its data`, async () => {
      const folder = path.join(work.dir, `v${from}`);
      const library0 = await openLibrary(folder);
      await library0.close();
      // Rebuild the catalogue as version `from` wrote it.
      const dbPath = path.join(folder, DB_FILE);
      const old = new DatabaseSync(`${dbPath}.old`);
      migrate(old, from);
      seed(old, from);
      old.close();
      const { rename, rm } = await import('node:fs/promises');
      await rm(`${dbPath}-wal`, { force: true });
      await rm(`${dbPath}-shm`, { force: true });
      await rename(`${dbPath}.old`, dbPath);

      const library = await openLibrary(folder);
      try {
        expect(userVersion(library.db)).toBe(SCHEMA_VERSION);
        if (from === 0) {
          expect(library.list().total).toBe(0);
          return;
        }
        const tape = library.tape(7);
        expect(tape).toMatchObject({
          title: 'Old tape',
          notes: `from v${from}`,
          takeCount: 1,
          errorCount: 2,
          kinds: ['basic'],
        });
        // A take from before the tape format was kept has none ('—' in the views).
        expect(tape.takes[0]).toMatchObject({
          id: 3,
          name: 'old.bas',
          derivedFrom: null,
          best: false,
          tapeFormat: null,
        });
        expect(tape.takes[0]!.blocks[0]).toMatchObject({
          kind: 'basic',
          firstError: 4,
          preview: '10 X=PEEK(11)',
        });
        expect(library.list({ search: 'PEEK' }).items.map((t) => t.id)).toEqual([7]);
        expect(library.list({ search: 'keep' }).items.map((t) => t.id)).toEqual([7]);
        expect(library.list({ search: 'x=' }).items.map((t) => t.id)).toEqual([7]);
        // The file it names is gone in this test: reported, not dropped.
        expect(library.startup.missing.map((m) => m.takeId)).toEqual([3]);
      } finally {
        await library.close();
      }
    });
  }
});
