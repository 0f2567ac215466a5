/**
 * Per-statement cost of the derived refresh of one load, at scale:
 *
 *   nice -n 10 pnpm exec tsx bench/etl/refresh-profile.ts DIR LOAD_ID [table …]
 *
 * DIR is a COPY of a loaded database (it is written to); LOAD_ID a load already
 * in it. A raw copy of that load (new event and load ids, nothing refreshed) is
 * made, then refreshed through every derived table (or the named ones) by this
 * tree's code; every statement the refreshers send is printed with its wall and
 * process CPU seconds (chDB runs in-process). Measured, never asserted.
 */
import { randomUUID } from 'node:crypto';
import {
  DERIVED_TABLES,
  EVENT_TYPES,
  loadEnv,
  loadedEventTypes,
  openDb,
  skipsLoads,
} from '@collections/schema';

const [dir, source, ...only] = process.argv.slice(2);
if (!dir || !source) throw new Error('usage: refresh-profile.ts DIR LOAD_ID [table …]');
const db = await openDb(loadEnv({ CHDB_PATH: dir }));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
try {
  const id = randomUUID();
  for (const table of EVENT_TYPES)
    await db.client.command({
      query: `INSERT INTO ${table} SELECT * REPLACE (concat({tag:String}, event_id) AS event_id, {id:UUID} AS load_id)
              FROM (SELECT * FROM ${table} WHERE load_id = {source:UUID})`,
      query_params: { id, tag: `prof-${id.slice(0, 8)}-`, source },
    });
  console.log(`cloned load ${source} as ${id}`);
  const eventTypes = await loadedEventTypes(db, [id]);
  const client = db.client as unknown as Record<
    string,
    (arg: { query: string }) => Promise<unknown>
  >;
  for (const method of ['command', 'query']) {
    const original = client[method]!.bind(db.client);
    client[method] = async (arg) => {
      const t0 = performance.now();
      const c0 = cpu();
      const result = await original(arg);
      if (method === 'query')
        await (result as { json(): Promise<unknown> }).json().then((rows) => {
          (result as { json(): Promise<unknown> }).json = async () => rows;
        });
      const text = arg.query.replace(/\s+/g, ' ').trim().slice(0, 110);
      console.log(
        `    ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s ${(cpu() - c0).toFixed(2).padStart(6)} CPU  ${text}`,
      );
      return result;
    };
  }
  for (const table of DERIVED_TABLES) {
    if (only.length > 0 && !only.includes(table.name)) continue;
    if (skipsLoads(table, eventTypes)) continue;
    const t0 = performance.now();
    const c0 = cpu();
    await table.refresh(db, { loadIds: [id], eventTypes });
    console.log(
      `${table.name}: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${(cpu() - c0).toFixed(2)} CPU`,
    );
  }
} finally {
  await db.close();
}
