/**
 * The careful path (docs/etl.md, "The careful path"): small files, CSV, server mode and
 * files with duplicates. The file is staged and checked (stage.ts) while Node takes its
 * SHA-256; then per chunk of lines: duplicate verdicts against event_index when the
 * chunk is not provably new, typed inserts, event_index, quarantine (insert.sql.ts).
 */
import { queryRows } from '@collections/schema';
import { EVENT_TYPES } from '@collections/schema/domain';
import { fingerprint } from '../files.ts';
import { writeLedger } from '../ledger.ts';
import { createBadSql } from '../validate/index.ts';
import { addChunkCounts, chunkKeys, hasQuarantined } from './chunk.ts';
import {
  createVerdictSql,
  eventInsertSqls,
  indexInsertSql,
  quarantineInsertSql,
  verdictSql,
  type Scratch,
} from './insert.sql.ts';
import { DEFAULT_CHUNK } from './options.ts';
import type { FileLoad, LoadPath } from './path.ts';
import { createScratch, FILE_READ_SETTINGS, run, settleBoth, timed } from './scratch.ts';
import { stageFile } from './stage.ts';

export const careful: LoadPath = {
  name: 'careful',
  async load(f: FileLoad) {
    const { db, file, source, options, done, loadId, tag, created } = f;
    const names = {
      stage: `etl_stage_${tag}`,
      bad: `etl_bad_${tag}`,
      verdict: `etl_verdict_${tag}`,
    };
    const { stage, verdict } = names;
    const early = f.fingerprint;
    await createScratch(db, names.bad, createBadSql(names.bad), created);
    const [fingerprinted, staged] = await settleBoth(
      early ? Promise.resolve(early) : timed(options, 'fingerprint', () => fingerprint(file.path)),
      stageFile(db, source, { scratch: names, input: `etl_input_${tag}`, created }, options),
    );
    f.fingerprint = fingerprinted;
    const { size, sha256 } = fingerprinted;
    if (!early && done.hashes.has(sha256)) return undefined;
    const ledger = { loadId, path: file.path, size, sha256, startedAt: f.startedAt };
    await writeLedger(db, { ...ledger, status: 'loading' });
    f.step('ledger-loading');
    f.step('staged');

    const [summary] = await queryRows<{ types: string[]; hi: string; bad: string }>(
      db,
      `SELECT groupUniqArray(type) AS types, max(line) AS hi, (SELECT count() FROM ${names.bad}) AS bad FROM ${stage}`,
    );
    const present = new Set(summary?.types ?? []);
    const maxLine = Number(summary?.hi ?? 0);
    // No failing line anywhere in the file: valid rows are simply the line range.
    const scratch: Scratch = {
      ...names,
      clean: Number(summary?.bad ?? 0) === 0,
      types: staged.types,
    };
    const chunk = options.chunkRows ?? DEFAULT_CHUNK;
    const counts = { rows: 0, loaded: 0, duplicates: 0, quarantined: 0 };
    const reasons: Record<string, number> = {};
    f.progress(0, maxLine);
    for (let lo = 1; lo <= maxLine; lo += chunk) {
      const params = {
        lo,
        hi: Math.min(lo + chunk - 1, maxLine),
        load_id: loadId,
        file: file.path,
        path: source.path,
      };
      const keys = await timed(options, 'verdict', () => chunkKeys(db, scratch, params));
      // The verdict table is read by the verdict, quarantine and counts queries.
      const needVerdict = !keys.allNew || !scratch.clean;
      if (needVerdict && !created.includes(verdict))
        await createScratch(db, verdict, createVerdictSql(verdict), created);
      if (!keys.allNew) await timed(options, 'verdict', () => run(db, verdictSql(scratch), params));
      for (const { type, sql } of eventInsertSqls(scratch, keys.allNew))
        if (present.has(type)) await timed(options, `insert ${type}`, () => run(db, sql, params));
      await timed(options, 'event_index', () =>
        run(db, indexInsertSql(scratch, keys.allNew), params),
      );
      if (keys.allNew && scratch.clean) {
        // Every valid line of the range is new and no line failed: nothing to quarantine.
        counts.rows += keys.n;
        counts.loaded += keys.n;
      } else {
        await timed(options, 'quarantine', async () => {
          if (!(await hasQuarantined(db, scratch, params))) return;
          const rawSource = staged.keepRaw === 'invalid' ? staged.rawSource : undefined;
          await run(db, quarantineInsertSql(scratch, rawSource), params, FILE_READ_SETTINGS);
        });
        await addChunkCounts(db, scratch, keys.allNew, params, { counts, reasons });
      }
      f.progress(params.hi, maxLine);
      f.step('chunk-written');
    }
    f.step('before-done');
    await writeLedger(db, { ...ledger, status: 'loaded', counts });
    done.sizes.add(size);
    done.hashes.add(sha256);
    f.step('done');
    return { loadId, counts, reasons, types: EVENT_TYPES.filter((type) => present.has(type)) };
  },
};
