import type Database from "better-sqlite3";
import { UserError } from "../errors.js";
import { themeOf } from "../lexicon/directive-themes.js";
import { indexCharacters, indexTokens } from "../search/terms.js";

// The database schema, one numbered step at a time. A file records the last step applied (user_version);
// opening it with a newer huiyi applies the steps it has not seen, in one transaction each. Steps are never
// edited once released: a change is a new step.

export interface Migration {
  version: number;
  sql: string;
  /** what SQL alone cannot do, run after `sql` in the same transaction */
  run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        page_key TEXT NOT NULL UNIQUE,
        record_id TEXT NOT NULL,
        path TEXT,
        url TEXT,
        site TEXT,
        title TEXT,
        published TEXT,
        script TEXT NOT NULL,
        date TEXT,
        meeting TEXT,
        jurisdiction TEXT,
        division_code TEXT,
        division_path TEXT,
        kinds TEXT,
        text TEXT NOT NULL,
        record BLOB NOT NULL,
        added TEXT NOT NULL
      );
      CREATE INDEX documents_date ON documents(date);
      CREATE INDEX documents_division ON documents(division_code);

      -- What search filters and groups by, one narrow row a document: ranking a broad query visits
      -- tens of thousands of these, which must not mean reading the wide documents rows.
      CREATE TABLE facets (
        id INTEGER PRIMARY KEY,
        cluster INTEGER NOT NULL,
        date TEXT,
        region TEXT,
        code TEXT,
        kinds TEXT
      );
      CREATE INDEX facets_cluster ON facets(cluster);

      -- MinHash signatures apart from the wide documents rows: every new page reads its candidates'.
      CREATE TABLE signatures (
        id INTEGER PRIMARY KEY,
        signature BLOB NOT NULL
      );

      CREATE TABLE bands (
        key INTEGER NOT NULL,
        document INTEGER NOT NULL,
        PRIMARY KEY (key, document)
      ) WITHOUT ROWID;

      CREATE TABLE removed (
        document INTEGER NOT NULL,
        n INTEGER NOT NULL,
        line TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (document, n)
      ) WITHOUT ROWID;

      CREATE TABLE persons (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        codes TEXT NOT NULL DEFAULT '',
        jurisdiction TEXT,
        levels TEXT NOT NULL DEFAULT '',
        posts TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX persons_name ON persons(name);

      CREATE TABLE appearances (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL,
        n INTEGER NOT NULL,
        person INTEGER NOT NULL,
        name TEXT NOT NULL,
        posts TEXT NOT NULL,
        roles TEXT NOT NULL
      );
      CREATE INDEX appearances_document ON appearances(document);
      CREATE INDEX appearances_person ON appearances(person);
      CREATE INDEX appearances_name ON appearances(name);

      CREATE TABLE directives (
        id INTEGER PRIMARY KEY,
        document INTEGER NOT NULL,
        speaker TEXT,
        text TEXT NOT NULL
      );
      CREATE INDEX directives_document ON directives(document);

      CREATE VIRTUAL TABLE search USING fts5(
        title, body,
        content = '', contentless_delete = 1, prefix = '1',
        tokenize = 'unicode61 remove_diacritics 0'
      );
      -- Index a whole write (thousands of pages) in memory before writing it out: fewer, larger segments
      -- to merge made ingest twice as fast in bench/store.ts.
      INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);
    `,
  },
  {
    version: 2,
    sql: `
      -- The full-text index rebuilt with the ascii tokenizer: rows arrive as tokens already folded and
      -- split by spaces (src/search/terms.ts), which it splits fastest, passing every other character
      -- through as part of a token. Segments merge eight at a time rather than four: less rewriting as the
      -- index grows. At 100,000 pages the index's share of ingest went from 0.21 to 0.13 ms a page.
      DROP TABLE search;
      CREATE VIRTUAL TABLE search USING fts5(
        title, body,
        content = '', contentless_delete = 1, prefix = '1',
        tokenize = 'ascii'
      );
      INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);
      INSERT INTO search (search, rank) VALUES ('automerge', 8);

      -- Appearances kept in document order under their own key, found by person: two fewer index
      -- entries for each of the ~10 appearances a page brings (a name is found through persons).
      CREATE TABLE appearances_by_document (
        document INTEGER NOT NULL,
        n INTEGER NOT NULL,
        person INTEGER NOT NULL,
        name TEXT NOT NULL,
        posts TEXT NOT NULL,
        roles TEXT NOT NULL,
        PRIMARY KEY (document, n)
      ) WITHOUT ROWID;
      INSERT INTO appearances_by_document SELECT document, n, person, name, posts, roles FROM appearances;
      DROP TABLE appearances;
      ALTER TABLE appearances_by_document RENAME TO appearances;
      CREATE INDEX appearances_person ON appearances(person);

      -- Nothing looks documents up by these: search filters on facets.
      DROP INDEX documents_date;
      DROP INDEX documents_division;
    `,
    run: (db) => {
      const insert = db.prepare("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)");
      forEachStoredPage(db, (id, title, text) => insert.run(id, indexTokens(title), indexTokens(text)));
    },
  },
  {
    version: 3,
    sql: `
      -- Each directive's theme (data/directive-themes.json), for the ledger and the region pages.
      ALTER TABLE directives ADD COLUMN theme TEXT;
      -- What users make of a directive: their follow-up, kept apart from what huiyi extracted.
      CREATE TABLE follow_ups (
        directive INTEGER PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('未跟进', '落实中', '已落实')),
        note TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL
      );
      -- Browsing without words and the ledger list the newest first.
      CREATE INDEX facets_date ON facets(date);
      -- Each page as read (deflated), for the view of what cleaning removed and repaired; apart from the
      -- documents rows, which search and export read, so those stay small. None for pages stored before.
      CREATE TABLE pages_as_read (
        id INTEGER PRIMARY KEY,
        raw BLOB NOT NULL
      );
    `,
    run: (db) => {
      const rows = db.prepare("SELECT id, text FROM directives").all() as { id: number; text: string }[];
      const update = db.prepare("UPDATE directives SET theme = ? WHERE id = ?");
      for (const row of rows) update.run(themeOf(row.text), row.id);
    },
  },
  {
    version: 4,
    sql: `
      -- One-character queries move to an index of each page's distinct characters, which costs a tenth of
      -- the prefix index they needed on the pairs (half of the pair index's cost: at 100,000 pages, 0.175 →
      -- 0.085 ms a page for the pairs, 0.026 for the characters). Columns, not positions: a character is
      -- never asked for as part of a phrase there, and the title still counts for more in the ranking.
      -- Segments merge sixteen at a time: less rewriting as the index grows (0.095 → 0.088 ms a page for
      -- the pairs of 100,000 pages, indexed alone), with queries no slower.
      DROP TABLE search;
      CREATE VIRTUAL TABLE search USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'ascii'
      );
      INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);
      INSERT INTO search (search, rank) VALUES ('automerge', 16);
      CREATE VIRTUAL TABLE characters USING fts5(
        title, body,
        content = '', contentless_delete = 1, detail = column,
        tokenize = 'ascii'
      );
      INSERT INTO characters (characters, rank) VALUES ('hashsize', 16777216);
      INSERT INTO characters (characters, rank) VALUES ('automerge', 16);
    `,
    run: (db) => {
      const pairs = db.prepare("INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)");
      const characters = db.prepare("INSERT INTO characters (rowid, title, body) VALUES (?, ?, ?)");
      forEachStoredPage(db, (id, title, text) => {
        pairs.run(id, indexTokens(title), indexTokens(text));
        characters.run(id, indexCharacters(title), indexCharacters(text));
      });
    },
  },
  {
    version: 5,
    sql: `
      -- Each removed line keeps its place in the page as read and the id of the rule that removed it, so
      -- the raw view marks the line itself instead of searching for its text. Rows stored before stay
      -- without them (NULL) and are placed by their text, as before.
      ALTER TABLE removed ADD COLUMN line_no INTEGER;
      ALTER TABLE removed ADD COLUMN rule TEXT;
    `,
  },
];

/** Every stored page's title and text, a thousand at a time (a statement cannot write while another reads). */
function forEachStoredPage(db: Database.Database, visit: (id: number, title: string, text: string) => void): void {
  const page = db.prepare("SELECT id, title, text FROM documents WHERE id > ? ORDER BY id LIMIT 1000");
  for (let rows = page.all(0) as { id: number; title: string | null; text: string }[]; rows.length; rows = page.all(rows.at(-1)!.id) as typeof rows) {
    for (const row of rows) visit(row.id, row.title ?? "", row.text);
  }
}

/**
 * Bring a database up to the newest schema this huiyi knows; refuse one written by a newer huiyi. Each
 * step takes the write lock before it reads the version: two programs opening a new file at once (two
 * ingests started together) would otherwise both read version 0, and the second would apply the steps
 * again over the first's tables. An up-to-date file is opened without the lock.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const version = () => db.pragma("user_version", { simple: true }) as number;
  const newest = migrations.reduce((top, step) => Math.max(top, step.version), 0);
  const current = version();
  if (current > newest) throw new UserError(`数据库结构版本为 ${current},本程序只认识到版本 ${newest}:请升级 huiyi`);
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      if (version() >= step.version) return; // applied by another program meanwhile
      db.exec(step.sql);
      step.run?.(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
  return Math.max(version(), newest);
}
