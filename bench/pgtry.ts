import { startPostgres } from './src/engines/postgres-server.ts';
import { openPostgres } from './src/engines/postgres.ts';
import { openDuckDb } from './src/engines/duckdb.ts';
import { writeFileSync } from 'node:fs';
writeFileSync(
  '/tmp/x.ndjson',
  [
    '{"event_id":"e1","type":"payment","occurred_at":"2024-01-01T08:00:00+08:00","payment_id":"p1","account_id":"a1","amount":12.5}',
    '{bad',
    '{"event_id":"e1","type":"payment","occurred_at":"2024-01-01T08:00:00+08:00","payment_id":"p1","account_id":"a1","amount":13}',
    '{"event_id":"e2","type":"payment","occurred_at":"2024-01-01T08:00:00Z","payment_id":"p2","account_id":"a1","amount":-1}',
    '{"event_id":"e3","type":"account_snapshot","occurred_at":"2024-01-31T08:00:00Z","account_id":"a1","as_of":"2024-01-31","dpd":3,"balance":100,"amount_due":5,"status":"open"}',
  ].join('\n') + '\n',
);
const srv = await startPostgres();
console.log(srv.version, srv.port, srv.pid());
for (const e of [await openPostgres(srv.port, srv.user), await openDuckDb()]) {
  console.log(await e.version(), await e.load(['/tmp/x.ndjson']));
  console.log(
    await e.query('select * from payment', []),
    await e.query('select * from account_snapshot', []),
  );
  await e.close();
}
await srv.stop();
