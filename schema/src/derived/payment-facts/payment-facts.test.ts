/**
 * payment_facts after a load of attempts only is idempotent under a crash (docs/etl.md):
 * a refresh killed between its insert and its DELETE leaves two rows for a payment,
 * the new one equal to what the rerun recomputes; the rerun must still rewrite the
 * payment so that its DELETE clears the older row.
 */
import { describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db.ts';
import { eventMaker, insertLoad, testLoadId } from '../../testing.ts';
import { fileTempDb } from '../../test-db.ts';
import { paymentFacts } from './index.ts';

/** When set, the refresh stops after its insert, as a kill before the DELETE would. */
const crash = vi.hoisted(() => ({ beforeDelete: false }));
vi.mock('../refresh-steps.ts', async (original) => {
  const steps = await original<typeof import('../refresh-steps.ts')>();
  return {
    ...steps,
    deleteRewrittenEvents: (...args: Parameters<typeof steps.deleteRewrittenEvents>) =>
      crash.beforeDelete ? Promise.resolve() : steps.deleteRewrittenEvents(...args),
  };
});

const db = fileTempDb();

const ev = eventMaker();
const L = testLoadId;

/** What refreshDerived finds in a load of attempts only: the attempts-only insert runs. */
const attemptsOnly = (l: string) => ({
  loadIds: [l],
  eventTypes: new Set(['contact_attempt'] as const),
});

const attempt = (l: string, at: string, channel: string) =>
  ev(l, at, { case_id: 'PK1', agent_id: 'A1', channel, outcome: 'no_answer' });

const rows = () =>
  queryRows<{ payment_id: string; attempt_at: string; attempt_channel: string }>(
    db,
    `SELECT payment_id, toString(attempt_at) AS attempt_at, attempt_channel FROM payment_facts
     ORDER BY payment_id, attempt_at`,
  );

describe('payment_facts killed between insert and delete', () => {
  it('a rerun of a load of attempts only leaves one row per payment', async () => {
    // Load 1: PK1 assigned to A1 on 03-01, an sms on 03-02, payment P1 on 03-05.
    await insertLoad(db, L(1), {
      case_assigned: [ev(L(1), '2026-03-01 00:00:00.000', { case_id: 'PK1', agent_id: 'A1' })],
      contact_attempt: [attempt(L(1), '2026-03-02 00:00:00.000', 'sms')],
      payment: [
        ev(L(1), '2026-03-05 00:00:00.000', {
          payment_id: 'P1',
          account_id: 'PA1',
          case_id: 'PK1',
          amount: '10',
        }),
      ],
    });
    expect(await rows()).toEqual([
      { payment_id: 'P1', attempt_at: '2026-03-02 00:00:00.000', attempt_channel: 'sms' },
    ]);
    // Load 2, attempts only: a late call on 03-03 becomes P1's latest attempt. The first
    // refresh writes the new row and is "killed" before deleting the 03-02 one.
    await db.client.insert({
      table: 'contact_attempt',
      values: [attempt(L(2), '2026-03-03 00:00:00.000', 'call')],
      format: 'JSONEachRow',
    });
    crash.beforeDelete = true;
    await paymentFacts.refresh(db, attemptsOnly(L(2)));
    crash.beforeDelete = false;
    expect(await rows()).toHaveLength(2);
    // The rerun recomputes the 03-03 row, which is stored already: P1 still has one row.
    await paymentFacts.refresh(db, attemptsOnly(L(2)));
    const call = {
      payment_id: 'P1',
      attempt_at: '2026-03-03 00:00:00.000',
      attempt_channel: 'call',
    };
    expect(await rows()).toEqual([call]);
    // and a refresh of both loads (as a clean load of everything would write) keeps it
    await paymentFacts.refresh(db, { loadIds: [L(1), L(2)] });
    expect(await rows()).toEqual([call]);
  });
});
