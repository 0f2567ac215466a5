/**
 * The portfolio a benchmark runs on. `fixture` is the hand-made one of
 * fixture.ts (no generator needed); tiny, S and M come from the project's
 * generator (etl generate) at the sizes below.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeFixture } from './fixture.ts';

export const SCALES = {
  fixture: { accounts: 4, months: 3 },
  tiny: { accounts: 300, months: 6 },
  S: { accounts: 10_000, months: 24 },
  M: { accounts: 1_000_000, months: 24 },
} as const;
export type Scale = keyof typeof SCALES;

export function isScale(s: string): s is Scale {
  return Object.hasOwn(SCALES, s);
}

/** Generate the portfolio into `dir` and return its event files in sorted path order. */
export async function prepareData(scale: Scale, dir: string, seed = 7): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  if (scale === 'fixture') return [writeFixture(path.join(dir, 'events.ndjson'))];
  const { generatePortfolio } = await import('./generator.ts');
  await generatePortfolio({ out: dir, ...SCALES[scale], seed });
  return listEventFiles(dir);
}

export function listEventFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ndjson|jsonl)(\.gz)?$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}
