/** Helpers for the generator's tests: read a generated folder back as parsed events. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generate } from './index.ts';

export type Event = Record<string, unknown> & {
  event_id: string;
  type: string;
  occurred_at: string;
};

/** Every file under `dir` (relative paths, sorted), MANIFEST.json included. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

export function readText(path: string): string {
  const bytes = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Events of the clean NDJSON files (not zz-dirty/), in sorted file order. */
export function readEvents(dir: string): Event[] {
  return listFiles(dir)
    .filter((f) => /\.ndjson(\.gz)?$/.test(f) && !f.startsWith('zz-dirty'))
    .flatMap((f) =>
      readText(join(dir, f))
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Event),
    );
}

export function byType(events: readonly Event[], type: string): Event[] {
  return events.filter((e) => e.type === type);
}

export type PlantedPortfolio = { readonly events: readonly Event[]; readonly manifest: unknown };
let planted: Promise<PlantedPortfolio> | undefined;

/**
 * The portfolio of the planted-effect tests (4 000 accounts × 12 months, seed 11),
 * read into memory and its folder removed. Generated once per worker: the unit
 * project keeps modules between files (isolate: false), so planted.test.ts and
 * planted-intel.test.ts share it when they run in one worker.
 */
export function plantedPortfolio(): Promise<PlantedPortfolio> {
  planted ??= (async () => {
    const root = mkdtempSync(join(tmpdir(), 'gen-planted-'));
    try {
      await generate({ out: root, accounts: 4000, months: 12, seed: 11 });
      const manifest: unknown = JSON.parse(readFileSync(join(root, 'MANIFEST.json'), 'utf8'));
      return { events: readEvents(root), manifest };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  })();
  return planted;
}
