/**
 * `promise_case_facts`: one row per promise of `promise_facts` with what explore
 * (docs/metrics/explore.md) otherwise derives per promise at query time — the
 * payment milestones its status needs, and its case's dimensions:
 * - `first_paid_at`: the first payment on the case at or after the promise
 *   (NEVER when none); `kept_at`: the first instant the payments from the
 *   promise on add up to its amount (NEVER when they never do). Payments are
 *   > 0 (docs/etl.md), so the sum inside a window that ends at W is > 0 exactly
 *   when first_paid_at ≤ W and ≥ amount exactly when kept_at ≤ W: the query
 *   applies the window (PROMISE_GRACE_DAYS, REPORT_TZ) and the as-of instant to
 *   two scalars instead of filtering arrays (docs/metrics/README.md#promise-kept);
 * - the case's dimensions from `case_outcome_facts` (its account's latest
 *   account_opened and its first case_opened; '' and entry_dpd 0 when the case
 *   has no case_opened, `has_account` 0 when the account has no account_opened),
 *   so grouping and filtering need no join of every case.
 * Nothing depends on configuration.
 *
 * Refresh (after promise_facts and case_outcome_facts, which it reads): every
 * promise of a case the loads touched — a promise or a payment on the case (late
 * payments move the milestones), its case_opened, or an account_opened of its
 * account (late dimensions) — is recomputed, the touched cases read from
 * `refresh_keys` (keys.ts); new rows first with a fresh refresh_id, then the older
 * rows of the touched cases are deleted.
 */
import type { TableDef } from '../../ddl.ts';
import type { DerivedTable } from '../index.ts';
import { CASES_OF_ACCOUNTS_OPENED, CASES_OPENED, CASES_PAID, CASES_PROMISED } from '../key-sets.ts';
import { keySet, stepsTable } from '../keys.ts';
import { PATCH_PARTS } from '../refresh-steps.ts';

const DICT = 'LowCardinality(String)';
const INSTANT = "DateTime64(3, 'UTC')";

/** The milestone of a promise that has none yet (later than any window end). */
export const NEVER_SQL = "toDateTime64('2299-12-31 00:00:00', 3, 'UTC')";

export const PROMISE_CASE_FACTS: TableDef = {
  name: 'promise_case_facts',
  engine: 'MergeTree',
  settings: PATCH_PARTS,
  columns: [
    { name: 'event_id', type: 'String', comment: 'of the promise_to_pay event' },
    { name: 'case_id', type: 'String' },
    { name: 'amount', type: 'Decimal(18, 2)' },
    { name: 'made_at', type: INSTANT, comment: 'occurred_at of the promise' },
    { name: 'due_on', type: 'Date32' },
    {
      name: 'first_paid_at',
      type: INSTANT,
      comment: 'first payment on the case at or after made_at; 2299-12-31 when none',
    },
    {
      name: 'kept_at',
      type: INSTANT,
      comment: 'first instant the payments from made_at on reach amount; 2299-12-31 when never',
    },
    { name: 'has_account', type: 'UInt8', comment: '1 when the account has an account_opened' },
    { name: 'portfolio', type: DICT },
    { name: 'product', type: DICT },
    { name: 'region', type: DICT },
    { name: 'risk_grade', type: DICT },
    { name: 'segment', type: DICT },
    { name: 'strategy', type: DICT },
    { name: 'experiment', type: DICT },
    { name: 'arm_role', type: DICT },
    { name: 'entry_dpd', type: 'UInt32' },
    { name: 'refresh_id', type: 'UUID', comment: 'refresh that wrote the row' },
  ],
  orderBy: '(made_at, case_id, event_id)',
  why: 'explore: promises made in a period by case dimensions, status from two instants (no arrays, no join).',
};

/**
 * Cases touched by the given loads (refresh_keys): a promise or a payment on the case, its
 * case_opened, or an account_opened of its account.
 */
const TOUCHED = [CASES_PROMISED, CASES_PAID, CASES_OPENED, CASES_OF_ACCOUNTS_OPENED];
const AFFECTED = keySet(...TOUCHED);

/** The touched cases that have a promise (most cases have none). */
const PROMISED = `(SELECT case_id FROM promise_facts WHERE case_id IN ${AFFECTED})`;

export const PROMISE_CASE_FACTS_INSERT_SQL = `
INSERT INTO promise_case_facts
  (event_id, case_id, amount, made_at, due_on, first_paid_at, kept_at, has_account, portfolio, product,
   region, risk_grade, segment, strategy, experiment, arm_role, entry_dpd, refresh_id)
SELECT p.event_id, p.case_id, p.amount, p.made_at, p.due_on,
       if(length(p.pay_at) > 0, p.pay_at[1], ${NEVER_SQL}),
       -- pay_at is in time order, so the running sum reaches amount first at this index (0: never)
       if(p.reach > 0, p.pay_at[p.reach], ${NEVER_SQL}),
       c.has_account, c.portfolio, c.product, c.region, c.risk_grade, c.segment, c.strategy,
       c.experiment, c.arm_role, c.entry_dpd, {refreshId:UUID}
FROM (
  SELECT event_id, case_id, amount, made_at, due_on, pay_at,
         arrayFirstIndex(s -> s >= amount, arrayCumSum(pay_amount)) AS reach
  FROM promise_facts WHERE case_id IN ${PROMISED}
) AS p
LEFT JOIN (
  SELECT case_id, has_account, portfolio, product, region, risk_grade, segment, strategy, experiment,
         arm_role, entry_dpd
  FROM case_outcome_facts WHERE case_id IN ${PROMISED} LIMIT 1 BY case_id
) AS c ON c.case_id = p.case_id
SETTINGS join_use_nulls = 0`;

/**
 * Older rows of the touched cases: every touched case with a promise is rewritten (its
 * promise_facts rows are, before this table), and a case without one has no row.
 */
const STALE = `FROM promise_case_facts WHERE case_id IN ${AFFECTED} AND refresh_id != {refreshId:UUID}`;

export const promiseCaseFacts: DerivedTable = stepsTable({
  table: PROMISE_CASE_FACTS,
  shard: 'account',
  lookBack: { kind: 'wholeKey', why: "a case's promises and payments" },
  reads: ['account_opened', 'case_opened', 'payment', 'promise_to_pay'],
  after: ['promise_facts', 'case_outcome_facts'],
  keys: TOUCHED,
  steps: () => ({
    touched: `SELECT 1 FROM promise_facts WHERE case_id IN ${AFFECTED}`,
    insert: PROMISE_CASE_FACTS_INSERT_SQL,
    delete: `DELETE ${STALE}`,
  }),
});
