/**
 * Compliance violations per agent (docs/metrics/compliance.md) in agentPerformance, on a portfolio
 * of its own: the main fixture has no violation. Period 2024-03-01 … 2024-03-31.
 *
 * Case k1 (account b1, UTC+0), agent h1 unless said:
 *   2024-02-28 23:00  call         before the period: off hours, not reported, but counts for 7 days
 *   2024-03-04 07:59:59.999 call   day #1, local 07:59 → OUTSIDE_HOURS            violation 1
 *   2024-03-04 08:00  field_visit  day #2, 08:00 is in hours
 *   2024-03-04 09:00  ivr          day #3
 *   2024-03-04 10:00  call (no agent) day #4: counts for the limits, reported for nobody
 *   2024-03-04 11:00  call         day #5
 *   2024-03-04 12:00  call         day #6; 7 days: 02-28 + 6 = 7, not over 7
 *   2024-03-04 13:00  call         day #7 > 6 → DAILY_LIMIT (and 8 in 7 days)     violation 2
 *   2024-03-04 14:00  sms          not voice: an attempt, never a violation, not counted
 *   2024-03-05 10:00  call         day #1; (02-26 10:00, 03-05 10:00]: 02-28 + 7 + itself = 9 > 7 violation 3
 *   2024-03-11 08:00  call         (03-04 08:00, 03-11 08:00]: 09…13 (5) + 03-05 + itself = 7:
 *                                  the attempt exactly 168 h earlier is out → no violation
 * Case k2 (account b2, UTC−05:00), agent h2:
 *   2024-03-04 02:30  call         local 03-03 21:30: in hours
 *   2024-03-04 03:00  call         local 22:00 → OUTSIDE_HOURS                    violation 1
 * Case k3 (no case_opened: +08:00 by default), agent h2:
 *   2024-03-04 14:00  call         local 22:00 → OUTSIDE_HOURS                    violation 2
 *
 * h1: attempts in the period 7 on 03-04 (all but the 10:00 one, sms included) + 1 + 1 = 9, violations 3.
 * h2: attempts 3, violations 2.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDb } from '../engines/duckdb.ts';
import { locatePostgres, startPostgres, type PgServer } from '../engines/postgres-server.ts';
import { openPostgres } from '../engines/postgres.ts';
import type { BenchEngine } from '../engines/types.ts';
import type { Dialect } from '../tables.ts';
import { agentPerformanceSql } from './agent-performance.ts';
import type { BenchArgs } from './types.ts';

const ARGS: BenchArgs = {
  fromMonth: '2024-03-01',
  toMonth: '2024-03-01',
  from: '2024-03-01',
  to: '2024-03-31',
  experiment: '',
  cureWithinDays: 30,
  maxDays: 30,
  forecastMonths: 1,
  graceDays: 3,
};

let seq = 0;
const ev = (type: string, occurred_at: string, fields: Record<string, unknown>) =>
  JSON.stringify({ event_id: `v${String(++seq).padStart(3, '0')}`, type, occurred_at, ...fields });
const call = (case_id: string, at: string, agent_id: string | null, channel = 'call') =>
  ev('contact_attempt', at, {
    case_id,
    channel,
    outcome: 'no_answer',
    ...(agent_id ? { agent_id } : {}),
  });

function lines(): string[] {
  seq = 0;
  const account = (account_id: string, utc_offset_minutes: number) =>
    ev('account_opened', '2023-01-01T00:00:00Z', {
      account_id,
      customer_id: `cust-${account_id}`,
      product: 'loan',
      portfolio: 'retail',
      region: 'x',
      opened_on: '2023-01-01',
      principal: 100,
      utc_offset_minutes,
    });
  const open = (case_id: string, account_id: string) =>
    ev('case_opened', '2024-02-01T00:00:00Z', {
      case_id,
      account_id,
      strategy: 's',
      entry_dpd: 10,
      entry_balance: 100,
    });
  return [
    account('b1', 0),
    account('b2', -300),
    open('k1', 'b1'),
    open('k2', 'b2'),
    call('k1', '2024-02-28T23:00:00Z', 'h1'),
    call('k1', '2024-03-04T07:59:59.999Z', 'h1'),
    call('k1', '2024-03-04T08:00:00Z', 'h1', 'field_visit'),
    call('k1', '2024-03-04T09:00:00Z', 'h1', 'ivr'),
    call('k1', '2024-03-04T10:00:00Z', null),
    call('k1', '2024-03-04T11:00:00Z', 'h1'),
    call('k1', '2024-03-04T12:00:00Z', 'h1'),
    call('k1', '2024-03-04T13:00:00Z', 'h1'),
    call('k1', '2024-03-04T14:00:00Z', 'h1', 'sms'),
    call('k1', '2024-03-05T10:00:00Z', 'h1'),
    call('k1', '2024-03-11T08:00:00Z', 'h1'),
    call('k2', '2024-03-04T02:30:00Z', 'h2'),
    call('k2', '2024-03-04T03:00:00Z', 'h2'),
    call('k3', '2024-03-04T14:00:00Z', 'h2'),
  ];
}

const dialects: Dialect[] = ['duckdb', ...(locatePostgres() ? (['postgres'] as const) : [])];

describe.each(dialects)('compliance violations on %s', (dialect) => {
  let engine: BenchEngine;
  let server: PgServer | undefined;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bench-compliance-'));
    // Readable by the postgres user: PostgreSQL COPYs the file itself here (metrics.test.ts
    // keeps its directory private and so covers the streamed COPY).
    chmodSync(dir, 0o755);
    const file = path.join(dir, 'events.ndjson');
    writeFileSync(file, `${lines().join('\n')}\n`);
    if (dialect === 'postgres') {
      server = await startPostgres();
      engine = await openPostgres(server.port, server.user);
    } else {
      engine = await openDuckDb();
    }
    await engine.load([file]);
  });
  afterAll(async () => {
    await engine?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts each agent’s violating voice attempts in the period, in local time', async () => {
    const rows = agentPerformanceSql.canonical(
      await engine.query(agentPerformanceSql.sql(dialect), agentPerformanceSql.params(ARGS)),
    );
    expect(rows.map((r) => [r.agentId, r.attempts, r.violations])).toEqual([
      ['h1', 9, 3],
      ['h2', 3, 2],
    ]);
  });
});
