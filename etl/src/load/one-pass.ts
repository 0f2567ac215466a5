/**
 * The one pass for a single file (docs/etl.md, "The one pass"): an NDJSON file that
 * ClickHouse reads itself (embedded) is parsed once into scratch tables whose parts are
 * attached when no id of it is stored (fused.ts). The ledger says `loading` before the
 * pass, since its attaches write event rows.
 */
import type { Db } from '@collections/schema';
import type { EventType } from '@collections/schema/domain';
import { fileSize, fingerprint, sampleFile, type InputFile } from '../files.ts';
import { writeLedger } from '../ledger.ts';
import { loadOnePass, onePassTypes, storedIds } from './fused.ts';
import type { LoadOptions } from './options.ts';
import { FALL_BACK, type FileLoad, type LoadPath } from './path.ts';
import { settleBoth, timed } from './scratch.ts';
import { stagedOnDisk } from './stage.ts';

/**
 * The sampled types of a file that can take the one pass: an NDJSON file ClickHouse
 * reads itself (embedded), whose sample names its types; undefined otherwise.
 */
export async function onePassCandidate(
  db: Db,
  file: InputFile,
  options: LoadOptions,
): Promise<readonly EventType[] | undefined> {
  const mode = options.onePass ?? 'auto';
  if (mode === 'never' || db.engine !== 'embedded' || file.format !== 'ndjson') return undefined;
  if (mode === 'auto' && !(await stagedOnDisk(file, options))) return undefined;
  const { types, ids } = await sampleFile(file);
  if (!onePassTypes(types, options.piiKey)) return undefined;
  // A sampled id already stored: likely a re-delivery, whose one pass would be wasted.
  return mode === 'auto' && (await storedIds(db, ids)).size > 0 ? undefined : types;
}

/** The one pass over the sampled `types` of the file. */
export function onePass(types: readonly EventType[]): LoadPath {
  return {
    name: 'one pass',
    async load(f: FileLoad) {
      const { db, file, options, done, loadId, tag } = f;
      const early = f.fingerprint;
      const size = early?.size ?? (await fileSize(file.path));
      const ledger = { loadId, path: file.path, size, startedAt: f.startedAt };
      await writeLedger(db, { ...ledger, sha256: early?.sha256 ?? '', status: 'loading' });
      f.step('ledger-loading');
      f.progress(0, 0);
      const [fingerprinted, result] = await settleBoth(
        early
          ? Promise.resolve(early)
          : timed(options, 'fingerprint', () => fingerprint(file.path)),
        loadOnePass(
          db,
          { tag, files: [{ path: file.path, loadId }], source: f.source.path, types },
          f.created,
          options,
        ),
      );
      f.fingerprint = fingerprinted;
      const counted = result?.files[0];
      if (!result || !counted) return FALL_BACK; // a duplicate, or a type the sample missed
      f.progress(counted.counts.rows, counted.counts.rows);
      f.step('before-done');
      const { sha256 } = fingerprinted;
      await writeLedger(db, { ...ledger, sha256, status: 'loaded', counts: counted.counts });
      done.sizes.add(size);
      done.hashes.add(sha256);
      f.step('done');
      return { loadId, ...counted, types: result.types };
    },
  };
}
