import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/src/store/db.js';
import { migrate, MigrationError, schemaVersion, type Migration } from '../../server/src/store/migrate.js';
import { migrations } from '../../server/src/store/migrations/index.js';

const LATEST = migrations.at(-1)!.version;

function tables(db: ReturnType<typeof openDatabase>): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

test('an empty database migrates to the latest version', () => {
  const db = openDatabase(':memory:');
  assert.equal(migrate(db), { from: 0, to: LATEST });
  assert.ok(tables(db).includes('schedules'));
  assert.ok(tables(db).includes('runs'));
  assert.ok(tables(db).includes('audit'));
});

for (const earlier of migrations.slice(0, -1)) {
  test(`a database at version ${earlier.version} (${earlier.name}) migrates to the latest and keeps its data`, () => {
    const db = openDatabase(':memory:');
    migrate(db, migrations.slice(0, earlier.version));
    assert.is(schemaVersion(db), earlier.version);
    db.prepare("INSERT INTO audit (at, user_name, action, subject) VALUES (1, 'grower', 'create', 'schedule')").run();
    assert.equal(migrate(db), { from: earlier.version, to: LATEST });
    assert.is((db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n, 1);
  });
}

test('migrating twice is a no-op', () => {
  const db = openDatabase(':memory:');
  migrate(db);
  assert.equal(migrate(db), { from: LATEST, to: LATEST });
});

test('a failing migration rolls back to the previous version', () => {
  const db = openDatabase(':memory:');
  const broken: Migration = {
    version: LATEST + 1,
    name: 'broken',
    up(d) {
      d.exec('CREATE TABLE half_done (x INTEGER)');
      throw new Error('boom');
    },
  };
  assert.throws(() => migrate(db, [...migrations, broken]), /boom/);
  assert.is(schemaVersion(db), LATEST);
  assert.not.ok(tables(db).includes('half_done'));
});

test('a database from a newer Almanac is refused with a clear message', () => {
  const db = openDatabase(':memory:');
  db.pragma(`user_version = ${LATEST + 5}`);
  assert.throws(() => migrate(db), (e: unknown) => e instanceof MigrationError && /newer than this Almanac/.test((e as Error).message));
});

test('a file database uses WAL and keeps its schema across reopen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-db-'));
  try {
    const path = join(dir, 'almanac.db');
    const first = openDatabase(path);
    migrate(first);
    assert.is(first.pragma('journal_mode', { simple: true }), 'wal');
    first.close();
    const second = openDatabase(path);
    assert.is(schemaVersion(second), LATEST);
    second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
