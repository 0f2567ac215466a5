/**
 * The temporary database of a test file (testing.ts openTempDb), opened before its first
 * test and disposed after its last (vitest hooks): one line in place of the
 * `let db; beforeAll(open); afterAll(dispose)` each derived table's test repeated. Kept
 * apart from testing.ts, which benches and child processes import without vitest.
 */
import { afterAll, beforeAll } from 'vitest';
import { openTempDb, type TempDb } from './testing.ts';

/**
 * Call at the top of a test file. The object returned stands for the database once it
 * is open: each property is read from it, so use it inside tests and hooks only.
 */
export function fileTempDb(options: { migrate?: boolean } = {}): TempDb {
  let open: TempDb | undefined;
  beforeAll(async () => {
    open = await openTempDb(options);
  });
  afterAll(() => open?.dispose());
  return new Proxy({} as TempDb, {
    get(_, key) {
      if (!open) throw new Error('the test database opens in beforeAll: use it in a test or hook');
      return Reflect.get(open, key, open) as unknown;
    },
  });
}
