// The library catalogue's SQLite schema and its forward migrations, one step per PRAGMA user_version.
// Each step runs in the transaction that also sets the new version, so a crash leaves the old version intact.
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: readonly (string | ((db: DatabaseSync) => void))[] = [
  // 1: tapes, their takes (each a content-addressed original file) and the blocks decoded from a take.
  `CREATE TABLE media (
     sha256 TEXT PRIMARY KEY,
     path TEXT NOT NULL UNIQUE,
     size INTEGER NOT NULL
   );
   CREATE TABLE tapes (
     id INTEGER PRIMARY KEY,
     title TEXT NOT NULL,
     side TEXT CHECK (side IN ('A', 'B')),
     notes TEXT NOT NULL DEFAULT '',
     tags TEXT NOT NULL DEFAULT '',
     machine TEXT NOT NULL DEFAULT '',
     origin TEXT NOT NULL CHECK (origin IN ('line-in', 'imported', 'encoded', 'emulator')),
     created_at INTEGER NOT NULL,
     modified_at INTEGER NOT NULL
   );
   CREATE TABLE takes (
     id INTEGER PRIMARY KEY,
     tape_id INTEGER NOT NULL REFERENCES tapes(id) ON DELETE CASCADE,
     sha256 TEXT NOT NULL REFERENCES media(sha256),
     name TEXT NOT NULL,
     format TEXT NOT NULL,
     sample_rate INTEGER,
     channels INTEGER,
     channel INTEGER,
     duration REAL,
     bytes BLOB NOT NULL,
     confidence BLOB NOT NULL,
     error_count INTEGER NOT NULL,
     mark_hz REAL,
     space_hz REAL,
     baud REAL,
     speed_deviation REAL,
     summary TEXT NOT NULL,
     listing TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX takes_tape ON takes(tape_id);
   CREATE INDEX takes_sha ON takes(sha256);
   CREATE TABLE blocks (
     take_id INTEGER NOT NULL REFERENCES takes(id) ON DELETE CASCADE,
     idx INTEGER NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('basic', '65v', 'bytes')),
     offset INTEGER NOT NULL,
     length INTEGER NOT NULL,
     errors INTEGER NOT NULL,
     start_sample INTEGER NOT NULL,
     end_sample INTEGER NOT NULL,
     first_error INTEGER,
     preview TEXT NOT NULL,
     PRIMARY KEY (take_id, idx)
   );`,
  // 2: the best take of a tape, derived (merged) takes with their sources, the trash, error positions.
  `ALTER TABLE tapes ADD COLUMN best_take_id INTEGER REFERENCES takes(id) ON DELETE SET NULL;
   ALTER TABLE tapes ADD COLUMN deleted_at INTEGER;
   ALTER TABLE takes ADD COLUMN deleted_at INTEGER;
   ALTER TABLE takes ADD COLUMN derived_from TEXT;
   ALTER TABLE takes ADD COLUMN error_starts BLOB;
   ALTER TABLE tapes ADD COLUMN take_count INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tapes ADD COLUMN error_count INTEGER;
   ALTER TABLE tapes ADD COLUMN byte_count INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE tapes ADD COLUMN kinds TEXT NOT NULL DEFAULT '';
   UPDATE tapes SET
     take_count = (SELECT count(*) FROM takes k WHERE k.tape_id = tapes.id),
     error_count = (SELECT min(k.error_count) FROM takes k WHERE k.tape_id = tapes.id),
     byte_count = coalesce((SELECT max(length(k.bytes)) FROM takes k WHERE k.tape_id = tapes.id), 0),
     kinds = coalesce((SELECT group_concat(DISTINCT b.kind) FROM blocks b JOIN takes k ON k.id = b.take_id
                       WHERE k.tape_id = tapes.id), '');
   CREATE INDEX tapes_modified ON tapes(modified_at);
   CREATE INDEX tapes_created ON tapes(created_at);
   CREATE INDEX tapes_title ON tapes(title COLLATE NOCASE);`,
  // 3: full-text search over titles, notes, tags and decoded listings (trigram: substrings of code match).
  `CREATE VIRTUAL TABLE tape_search USING fts5(title, notes, tags, listing, tokenize = 'trigram');
   INSERT INTO tape_search (rowid, title, notes, tags, listing)
     SELECT t.id, t.title, t.notes, t.tags,
            coalesce((SELECT group_concat(k.listing, char(10)) FROM takes k WHERE k.tape_id = t.id), '')
     FROM tapes t;`,
  // 4: the short-word index (FTS5 trigrams need three characters): every one- and two-character piece of a
  // tape's searchable text, so a search for `X` or `FN` is an index look-up, not a scan.
  (db) => {
    db.exec(`CREATE TABLE tape_grams (
               gram TEXT NOT NULL,
               tape_id INTEGER NOT NULL,
               PRIMARY KEY (gram, tape_id)
             ) WITHOUT ROWID;
             CREATE INDEX tape_grams_tape ON tape_grams(tape_id);`);
    for (const row of db.prepare('SELECT rowid FROM tape_search').all())
      indexShortWords(db, Number(row.rowid));
  },
  // 5: the library batch's result per tape (its first settled screen, or why it failed), see docs/cloud.md.
  `CREATE TABLE batch_results (
     tape_id INTEGER PRIMARY KEY REFERENCES tapes(id) ON DELETE CASCADE,
     take_id INTEGER REFERENCES takes(id) ON DELETE SET NULL,
     ok INTEGER NOT NULL,
     reason TEXT NOT NULL,
     error TEXT,
     screen TEXT,
     ran_at INTEGER NOT NULL
   );`,
  // 6: the tape format a recording was decoded in (e.g. '300 baud 8N2 (detected)'); NULL for takes decoded
  // before it was kept, and for takes that are not recordings.
  `ALTER TABLE takes ADD COLUMN tape_format TEXT;`,
];

/** The distinct one- and two-character pieces of a text, case-folded, without whitespace (a word has none). */
export function shortGrams(text: string): Set<string> {
  const chars = [...text.toLowerCase()];
  const grams = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (/\s/.test(char)) continue;
    grams.add(char);
    const next = chars[i + 1];
    if (next !== undefined && !/\s/.test(next)) grams.add(char + next);
  }
  return grams;
}

/** Rewrites one tape's short-word index from its search row (none when it has no row: trashed or gone). */
export function indexShortWords(db: DatabaseSync, tapeId: number): void {
  db.prepare('DELETE FROM tape_grams WHERE tape_id = ?').run(tapeId);
  const row = db
    .prepare(
      `SELECT title || char(10) || notes || char(10) || tags || char(10) || listing AS text
       FROM tape_search WHERE rowid = ?`,
    )
    .get(tapeId);
  if (!row) return;
  const insert = db.prepare('INSERT INTO tape_grams (gram, tape_id) VALUES (?, ?)');
  for (const gram of shortGrams(String(row.text))) insert.run(gram, tapeId);
}

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaVersionError extends Error {
  readonly found: number;
  constructor(found: number) {
    super(
      `The library was written by a newer version of Superboard Lab (schema ${found}; this version knows up ` +
        `to ${SCHEMA_VERSION}). It is left untouched: open it with the newer version.`,
    );
    this.name = 'SchemaVersionError';
    this.found = found;
  }
}

export function userVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/** Brings the database up to `target` (default: this version's schema); refuses a newer one. */
export function migrate(db: DatabaseSync, target = SCHEMA_VERSION): void {
  const found = userVersion(db);
  if (found > SCHEMA_VERSION) throw new SchemaVersionError(found);
  for (let version = found; version < target; version++) {
    db.exec('BEGIN IMMEDIATE');
    try {
      const step = MIGRATIONS[version]!;
      if (typeof step === 'string') db.exec(step);
      else step(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
