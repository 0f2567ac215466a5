/**
 * channel_daily: attempts, right-party contacts and contact costs per UTC day, channel
 * and the account dimensions of the attempt's case, kept right under late and
 * out-of-order events (each load refreshed as the ETL does), and filled alike by
 * migration 740 from the stored attempts.
 *
 * Calls cost 2, sms 0.5. RPC outcomes: right_party_contact, promise_to_pay, hardship.
 * Load 1: A1 retail, A2 sme; K1 on A1; K9 has no case_opened yet. Attempts:
 *   K1 call 03-01 10:00 RPC, K1 sms 03-01 11:00 no_answer, K1 call 03-01 23:00 no_answer,
 *   K1 sms 03-02 01:00 promise_to_pay, K9 call 03-01 12:00 busy.
 *   03-01 call '' 1 attempt, 0 RPC, 2 · call retail 2, 1, 2 + 2 = 4 · sms retail 1, 0, 0.5
 *   03-02 sms retail 1, 1, 0.5
 * Load 2: K9 opened on A2 (sme) → its call moves to sme; a late K1 call 03-01 15:00
 *   hardship → 03-01 call retail 3 attempts, 2 RPCs, 6.
 * Load 3: A1 re-opened later as digital → every retail row becomes digital.
 */
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db.ts';
import { renderMigration } from '../../migrate.ts';
import { m740ChannelDaily } from '../../migrations/740-channel-daily.ts';
import { eventMaker, testLoadId } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { refreshDerived } from '../index.ts';

const db = fileTempDb();

const load = (i: number) => testLoadId(740 + i);
const ev = eventMaker();
const opened = (l: string, at: string, account_id: string, portfolio: string) =>
  ev(l, at, {
    account_id,
    customer_hash: 'h',
    product: 'card',
    portfolio,
    region: 'north',
    opened_on: '2025-06-01',
    principal: '1000.00',
    risk_grade: 'B',
  });
const caseOpened = (l: string, at: string, case_id: string, account_id: string) =>
  ev(l, at, { case_id, account_id, strategy: 's', entry_dpd: 10, entry_balance: '100' });
const attempt = (l: string, at: string, case_id: string, channel: string, outcome: string) =>
  ev(l, at, { case_id, agent_id: 'G1', channel, outcome, cost: channel === 'call' ? '2' : '0.5' });

const insert = (table: string, values: Record<string, unknown>[]) =>
  db.client.insert({ table, values, format: 'JSONEachRow' });
const refresh = (...ids: string[]) => refreshDerived(db, { loadIds: ids });

const rows = () =>
  queryRows(
    db,
    `SELECT toString(day) AS day, toString(channel) AS channel, toString(portfolio) AS portfolio,
            toInt32(attempts) AS attempts, toInt32(rpcs) AS rpcs, toFloat64(contact_cost) AS cost
     FROM channel_daily ORDER BY day, channel, portfolio`,
  );
const row = (
  day: string,
  channel: string,
  portfolio: string,
  attempts: number,
  rpcs: number,
  cost: number,
) => ({ day: `2026-03-0${day}`, channel, portfolio, attempts, rpcs, cost });

const FINAL = [
  row('1', 'call', 'digital', 3, 2, 6),
  row('1', 'call', 'sme', 1, 0, 2),
  row('1', 'sms', 'digital', 1, 0, 0.5),
  row('2', 'sms', 'digital', 1, 1, 0.5),
];

describe('channel_daily refresh', () => {
  it('recomputes touched days under late and out-of-order events', async () => {
    await insert('account_opened', [
      opened(load(1), '2025-06-01 00:00:00', 'A1', 'retail'),
      opened(load(1), '2025-06-01 00:00:00', 'A2', 'sme'),
    ]);
    await insert('case_opened', [caseOpened(load(1), '2026-02-01 00:00:00', 'K1', 'A1')]);
    await insert('contact_attempt', [
      attempt(load(1), '2026-03-01 10:00:00', 'K1', 'call', 'right_party_contact'),
      attempt(load(1), '2026-03-01 11:00:00', 'K1', 'sms', 'no_answer'),
      attempt(load(1), '2026-03-01 23:00:00', 'K1', 'call', 'no_answer'),
      attempt(load(1), '2026-03-02 01:00:00', 'K1', 'sms', 'promise_to_pay'),
      attempt(load(1), '2026-03-01 12:00:00', 'K9', 'call', 'busy'),
    ]);
    await refresh(load(1));
    expect(await rows()).toEqual([
      row('1', 'call', '', 1, 0, 2),
      row('1', 'call', 'retail', 2, 1, 4),
      row('1', 'sms', 'retail', 1, 0, 0.5),
      row('2', 'sms', 'retail', 1, 1, 0.5),
    ]);

    await insert('case_opened', [caseOpened(load(2), '2026-02-10 00:00:00', 'K9', 'A2')]);
    await insert('contact_attempt', [
      attempt(load(2), '2026-03-01 15:00:00', 'K1', 'call', 'hardship'),
    ]);
    await refresh(load(2));
    expect(await rows()).toEqual([
      row('1', 'call', 'retail', 3, 2, 6),
      row('1', 'call', 'sme', 1, 0, 2),
      row('1', 'sms', 'retail', 1, 0, 0.5),
      row('2', 'sms', 'retail', 1, 1, 0.5),
    ]);

    await insert('account_opened', [opened(load(3), '2026-01-01 00:00:00', 'A1', 'digital')]);
    await refresh(load(3));
    // One row per (day, channel, dimensions): the older rows were deleted.
    expect(await rows()).toEqual(FINAL);

    // Refreshing every load again changes nothing.
    await refresh(load(1), load(2), load(3));
    expect(await rows()).toEqual(FINAL);
  });

  it('sums over channels to kpi_daily per day and dimensions', async () => {
    const sums = (table: string) =>
      queryRows(
        db,
        `SELECT toString(day) AS day, toString(portfolio) AS portfolio, toInt32(sum(attempts)) AS a,
                toInt32(sum(rpcs)) AS r, toFloat64(sum(contact_cost)) AS c
         FROM ${table} WHERE attempts > 0 GROUP BY day, portfolio ORDER BY day, portfolio`,
      );
    expect(await sums('channel_daily')).toEqual(await sums('kpi_daily'));
  });

  it('migration 740 fills it from the stored attempts as the refreshes left it', async () => {
    await db.client.command({ query: 'TRUNCATE TABLE channel_daily' });
    for (const query of renderMigration(m740ChannelDaily, { kind: 'single' }))
      await db.client.command({ query });
    expect(await rows()).toEqual(FINAL);
  });
});
