/**
 * Can chDB run two queries at once in one process, and by which route?
 * `tsx bench/serve/chdb-parallel.ts [rows]` builds a synthetic table in a temp
 * directory and times, per route: 4 identical queries one after the other vs all
 * at once (max_threads=1 each, so 2 cores could halve the wall time), and how long
 * a 1-row query waits while a long one runs (head-of-line blocking). Each route's
 * parameterized answers are checked against the expected value (parameter state
 * clobbered between connections would show as wrong numbers or errors).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'chdb';

const rows = Number(process.argv[2] ?? 30_000_000);
const dir = mkdtempSync(path.join(tmpdir(), 'chdb-parallel-'));
const main = new Session(dir);
const sessions = [main, new Session(dir), new Session(dir), new Session(dir)];

const HEAVY = 'SELECT sum(v) AS s FROM t WHERE g != {g:UInt32} SETTINGS max_threads = 1';
const HEAVY_LITERAL = (g: number) =>
  `SELECT sum(v) AS s FROM t WHERE g != ${g} SETTINGS max_threads = 1`;
const LIGHT = 'SELECT {g:UInt32} + 1 AS s';

type Run = (i: number) => Promise<string>;

function text(r: { text(): string }): string {
  return r.text().trim();
}

async function readStream(
  s: Session,
  sql: string,
  params: Record<string, unknown>,
): Promise<string> {
  let out = '';
  for await (const chunk of s.queryStreamBind(sql, params, { format: 'CSV' })) out += chunk.text();
  return out.trim();
}

const routes: Record<string, { heavy: Run; light: Run }> = {
  'one session, parameters (queryBindAsync)': {
    heavy: (i) => main.queryBindAsync(HEAVY, { g: i }, { format: 'CSV' }).then(text),
    light: (i) => main.queryBindAsync(LIGHT, { g: i }, { format: 'CSV' }).then(text),
  },
  'four sessions, parameters (queryBindAsync)': {
    heavy: (i) => sessions[i % 4]!.queryBindAsync(HEAVY, { g: i }, { format: 'CSV' }).then(text),
    light: (i) =>
      sessions[(i + 1) % 4]!.queryBindAsync(LIGHT, { g: i }, { format: 'CSV' }).then(text),
  },
  'one session, literal SQL (queryAsync)': {
    heavy: (i) => main.queryAsync(HEAVY_LITERAL(i), { format: 'CSV' }).then(text),
    light: (i) => main.queryAsync(`SELECT ${i} + 1 AS s`, { format: 'CSV' }).then(text),
  },
  'four sessions, literal SQL (queryAsync)': {
    heavy: (i) => sessions[i % 4]!.queryAsync(HEAVY_LITERAL(i), { format: 'CSV' }).then(text),
    light: (i) =>
      sessions[(i + 1) % 4]!.queryAsync(`SELECT ${i} + 1 AS s`, { format: 'CSV' }).then(text),
  },
  'four sessions, parameters, streamed (queryStreamBind)': {
    heavy: (i) => readStream(sessions[i % 4]!, HEAVY, { g: i }),
    light: (i) => readStream(sessions[(i + 1) % 4]!, LIGHT, { g: i }),
  },
};

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

console.log(`chDB parallelism probe: ${rows.toLocaleString()} rows, max_threads=1 per query`);
main.query(
  `CREATE TABLE t (k UInt64, g UInt32, v UInt64) ENGINE = MergeTree ORDER BY k AS
   SELECT number, number % 1000, number % 7 FROM numbers(${rows})`,
);
// Expected answer for parameter g: sum of (k % 7) over k with k % 1000 != g.
const expected = new Map<number, string>();
for (const g of [0, 1, 2, 3]) expected.set(g, main.query(HEAVY_LITERAL(g), 'CSV').trim());

const results: string[] = [];
for (const [name, route] of Object.entries(routes).flatMap((e) => [e, e, e])) {
  try {
    await route.heavy(0); // warm
    const [serial] = await timed(async () => {
      for (let i = 0; i < 4; i++) await route.heavy(i);
    });
    const [parallel, answers] = await timed(() =>
      Promise.all([0, 1, 2, 3].map((i) => route.heavy(i))),
    );
    const wrong = answers.filter((a, i) => a !== expected.get(i)).length;
    // A light query issued 20 ms after a heavy one started: how long does it take?
    const heavy = timed(() => route.heavy(0));
    await new Promise((r) => setTimeout(r, 20));
    const [light, lightAnswer] = await timed(() => route.light(41));
    const [heavyMs] = await heavy;
    const lightOk = lightAnswer === '42';
    const line =
      `${name}: 4 serial ${serial.toFixed(0)} ms, 4 at once ${parallel.toFixed(0)} ms ` +
      `(×${(serial / parallel).toFixed(2)}), wrong answers ${wrong}/4; ` +
      `light query behind a ${heavyMs.toFixed(0)} ms one: ${light.toFixed(0)} ms${lightOk ? '' : ' (WRONG)'}`;
    console.log(line);
    results.push(line);
  } catch (err) {
    const line = `${name}: failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    console.log(line);
    results.push(line);
  }
}

// Stress the streamed parameter route: 200 queries with distinct parameters over 4 sessions.
try {
  // One stream at a time per session: 4 workers, one per session, 50 queries each.
  const answers: string[] = [];
  await Promise.all(
    sessions.map(async (s, w) => {
      for (let i = w; i < 200; i += 4) answers[i] = await readStream(s, LIGHT, { g: i });
    }),
  );
  const wrong = answers.filter((a, i) => a !== String(i + 1)).length;
  console.log(`streamed parameters, 200 concurrent light queries over 4 sessions: ${wrong} wrong`);
} catch (err) {
  console.log(`streamed parameter stress failed: ${err instanceof Error ? err.message : err}`);
}

for (const s of sessions.slice(1)) s.close();
main.close();
rmSync(dir, { recursive: true, force: true });
