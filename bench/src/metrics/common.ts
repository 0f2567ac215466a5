/**
 * Shared SQL for the comparison engines (PostgreSQL and DuckDB), written from
 * docs/metrics/README.md#buckets independently of the ClickHouse builders so that agreement means
 * something. Parameters are positional ($1, $2, …) in both dialects; the
 * reporting time zone is UTC (the benchmark runs with REPORT_TZ unset).
 */
import { CONTACT_CATEGORIES, CURE_OUTCOMES, EVENT_TYPES } from '@collections/schema';
import type { Dialect } from '../tables.ts';

export const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** docs/metrics/README.md#buckets, bucket of a snapshot row (columns status, dpd). */
export const BUCKET_SQL = `CASE WHEN status = 'charged_off' THEN 'CHARGED_OFF' WHEN status = 'closed' THEN 'CLOSED'
  WHEN dpd <= 0 THEN 'M0' WHEN dpd > 180 THEN 'M7_PLUS'
  ELSE 'M' || CAST(CAST(floor((dpd + 29) / 30.0) AS INTEGER) AS TEXT) END`;

/**
 * docs/metrics/README.md#effective-snapshot: the snapshot that holds for each (account_id, as_of),
 * the greatest (occurred_at, event_id); a same-day correction supersedes the one it corrects.
 * Columns of account_snapshot.
 */
export const EFFECTIVE_SNAPSHOTS_SQL = `(
  SELECT account_id, as_of, occurred_at, event_id, status, dpd, balance FROM (
    SELECT *, row_number() OVER (PARTITION BY account_id, as_of
                                 ORDER BY occurred_at DESC, event_id DESC) AS day_rn
    FROM account_snapshot
  ) AS d WHERE day_rn = 1
)`;

/** docs/metrics/README.md#as-of: latest occurred_at loaded, over every event table. */
export const AS_OF_SQL = `(SELECT max(t) FROM (${EVENT_TYPES.map(
  (t) => `SELECT max(occurred_at) AS t FROM ${t}`,
).join(' UNION ALL ')}) AS all_events)`;

export const RPC_SQL = `outcome IN (${list(CONTACT_CATEGORIES.rpc)})`;

/** Instant column `col` on a day of [from, to] (date parameters). */
export function inPeriod(col: string, from: string, to: string): string {
  return `(${col} >= CAST(${from} AS DATE) AND ${col} < CAST(${to} AS DATE) + 1)`;
}

/** Seconds between two instants. */
export function secondsBetween(later: string, earlier: string): string {
  return `extract(epoch FROM (${later} - ${earlier}))`;
}

/** `instant + n days` for an integer SQL expression n. */
export function plusDays(instant: string, days: string): string {
  return `(${instant} + CAST(${days} AS INTEGER) * INTERVAL '1 day')`;
}

/**
 * One row per case (the same reading as the API's case facts): first opening
 * (attributes from it), latest closure and its outcome, first cure instant.
 * Columns: case_id, account_id, opened_at, strategy, experiment, arm_role,
 * segment, entry_dpd, entry_balance, closed_at, outcome, cured_at.
 */
export const CASES_SQL = `(
  SELECT o.case_id, o.account_id, o.occurred_at AS opened_at, o.strategy, o.experiment, o.arm_role,
         o.segment, o.entry_dpd, o.entry_balance, c.closed_at, c.outcome, c.cured_at
  FROM (SELECT *, row_number() OVER (PARTITION BY case_id ORDER BY occurred_at) AS rn FROM case_opened) AS o
  LEFT JOIN (
    SELECT case_id, max(occurred_at) AS closed_at,
           min(CASE WHEN outcome IN (${list(CURE_OUTCOMES)}) THEN occurred_at END) AS cured_at,
           max(CASE WHEN last = 1 THEN outcome END) AS outcome
    FROM (SELECT case_id, occurred_at, outcome,
                 row_number() OVER (PARTITION BY case_id ORDER BY occurred_at DESC) AS last
          FROM case_closed) AS cc
    GROUP BY case_id
  ) AS c ON c.case_id = o.case_id
  WHERE o.rn = 1
)`;

/**
 * Promises with their status (docs/metrics/README.md#promise-kept): window from the promise to
 * midnight after due_on + grace, both ends included. `grace` is an SQL integer.
 * Columns: ptp_id, case_id, agent_id, amount, made_at, status.
 */
export function promisesSql(grace: string): string {
  return `(
  SELECT p.ptp_id, p.case_id, p.agent_id, p.amount, p.made_at,
         CASE WHEN p.window_end > (SELECT as_of FROM as_of) THEN 'pending'
              WHEN COALESCE(sum(pay.amount), 0) >= p.amount THEN 'kept'
              WHEN COALESCE(sum(pay.amount), 0) > 0 THEN 'partial' ELSE 'broken' END AS status
  FROM (SELECT event_id, ptp_id, case_id, agent_id, amount, occurred_at AS made_at,
               CAST(due_on + CAST(${grace} AS INTEGER) + 1 AS TIMESTAMPTZ) AS window_end
        FROM promise_to_pay) AS p
  LEFT JOIN payment AS pay
    ON pay.case_id = p.case_id AND pay.occurred_at >= p.made_at AND pay.occurred_at <= p.window_end
  GROUP BY p.event_id, p.ptp_id, p.case_id, p.agent_id, p.amount, p.made_at, p.window_end
)`;
}

/**
 * Payments with the agent holding the case at that instant (docs/metrics/README.md#attribution).
 * DuckDB has ASOF JOIN; PostgreSQL gets the usual LATERAL … ORDER BY … LIMIT 1.
 * Columns: case_id, amount, occurred_at, agent_id ('' when none).
 */
export function attributedPaymentsSql(dialect: Dialect, where = 'TRUE'): string {
  if (dialect === 'duckdb') {
    return `(SELECT p.case_id, p.amount, p.occurred_at, COALESCE(a.agent_id, '') AS agent_id
      FROM (SELECT * FROM payment WHERE ${where}) AS p
      ASOF LEFT JOIN case_assigned AS a ON a.case_id = p.case_id AND p.occurred_at >= a.occurred_at)`;
  }
  return `(SELECT p.case_id, p.amount, p.occurred_at, COALESCE(a.agent_id, '') AS agent_id
    FROM (SELECT * FROM payment WHERE ${where}) AS p
    LEFT JOIN LATERAL (SELECT agent_id FROM case_assigned AS ca
                       WHERE ca.case_id = p.case_id AND ca.occurred_at <= p.occurred_at
                       ORDER BY ca.occurred_at DESC LIMIT 1) AS a ON p.case_id <> '')`;
}
