/**
 * Times GraphQL requests round-robin through the real Apollo server (so machine
 * noise hits every case alike) and prints median, min and max per case in ms.
 * No answer cache: adminApi serves without one.
 */
import type { Db, Env } from '@collections/schema';
import { adminApi } from './admin-api.ts';
import { median } from '../src/stats.ts';

export async function timeRoundRobin(
  db: Db,
  env: Env,
  cases: readonly { name: string; query: string }[],
  opts: { runs: number; warmups: number; title: string },
): Promise<void> {
  const { apollo, context } = await adminApi(db, env);
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < opts.runs + opts.warmups; round += 1)
    for (const c of cases) {
      const t = performance.now();
      const res = await apollo.executeOperation({ query: c.query }, { contextValue: context() });
      const ms = performance.now() - t;
      if (res.body.kind === 'single' && res.body.singleResult.errors)
        throw new Error(`${c.name}: ${JSON.stringify(res.body.singleResult.errors[0]?.message)}`);
      if (round >= opts.warmups) times.get(c.name)?.push(ms);
    }
  console.log(`\n${opts.title}; ${opts.runs} rounds after ${opts.warmups} warm-ups; ms`);
  console.log('query'.padEnd(46), 'median'.padStart(8), 'min'.padStart(8), 'max'.padStart(8));
  for (const [name, list] of times)
    console.log(
      name.padEnd(46),
      median(list).toFixed(1).padStart(8),
      Math.min(...list)
        .toFixed(1)
        .padStart(8),
      Math.max(...list)
        .toFixed(1)
        .padStart(8),
    );
  await apollo.stop();
}
