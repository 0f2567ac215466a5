/**
 * Test support: a fresh embedded database in a temporary directory. chDB allows
 * one directory per process, so call this once per test file (vitest runs each
 * file in its own forked process).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb, type Db } from './db.ts';
import { loadEnv } from './env.ts';
import { migrate } from './migrate.ts';

export interface TempDb extends Db {
  readonly dir: string;
  /** Close the database and delete its directory. */
  dispose(): Promise<void>;
}

export async function openTempDb(options: { migrate?: boolean } = {}): Promise<TempDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'collections-test-'));
  const db = await openDb(loadEnv({ CHDB_PATH: dir }));
  if (options.migrate !== false) await migrate(db);
  return {
    ...db,
    dir,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
