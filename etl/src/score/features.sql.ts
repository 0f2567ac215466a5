/**
 * SQL of the propensity features (docs/models.md). A *sample* is a case seen at
 * an instant `score_at`: for training and out-of-time testing its opening and
 * every 30 days after while open, for scoring the scoring instant. Every feature reads only events
 * with `occurred_at <= score_at` (the leakage test changes later events and
 * checks that scores do not move); the labels look at (score_at, score_at + 30 d].
 *
 * Table names are internal scratch names built from a run id (never user input);
 * values reach the SQL only as `{name:Type}` parameters.
 */
import { CONTACT_CATEGORIES, CURE_OUTCOMES, bucketSql } from '@collections/schema';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const CURES = list(CURE_OUTCOMES);
const RPCS = list(CONTACT_CATEGORIES.rpc);

/** First opening of each case: its account and instant (a case_id opened twice counts once). */
const CASES = `SELECT case_id, argMin(account_id, occurred_at) AS account_id, min(occurred_at) AS opened_at
  FROM case_opened GROUP BY case_id`;

/** Most instants per case in training: a case is seen at opening and every 30 days while open. */
export const MAX_INSTANTS = 25;

/**
 * Train/test samples: every case at its opening and every 30 days after while it
 * is still open (no closure at or before the instant), so that the model learns
 * open cases at any age, as scoring sees them. Train = cases opened before the
 * cut-off, at instants whose 30-day window has ended by the cut-off; test = cases
 * opened at or after the cut-off, at instants whose window has ended by the as-of
 * instant. `sid` identifies a sample.
 */
export function trainSamplesSql(table: string): string {
  return `CREATE TABLE ${table} ENGINE = Memory AS
SELECT concat(case_id, '#', toString(k)) AS sid, case_id, account_id, opened_at,
  opened_at + toIntervalDay(30 * k) AS score_at,
  toUInt8(opened_at >= {cutoff:DateTime64(3, 'UTC')}) AS split
FROM (
  SELECT o.case_id AS case_id, o.account_id AS account_id, o.opened_at AS opened_at,
    if(cl.case_id = '', toDateTime64('2299-12-31 00:00:00', 3, 'UTC'), cl.closed_at) AS closed_at
  FROM (${CASES}) AS o
  LEFT JOIN (SELECT case_id, min(occurred_at) AS closed_at FROM case_closed GROUP BY case_id) AS cl
    ON cl.case_id = o.case_id
  SETTINGS join_use_nulls = 0
)
ARRAY JOIN range(${MAX_INSTANTS}) AS k
WHERE (k = 0 OR closed_at > score_at)
  AND ((opened_at < {cutoff:DateTime64(3, 'UTC')}
        AND score_at + INTERVAL 30 DAY <= {cutoff:DateTime64(3, 'UTC')})
    OR (opened_at >= {cutoff:DateTime64(3, 'UTC')}
        AND score_at + INTERVAL 30 DAY <= {asOf:DateTime64(3, 'UTC')}))`;
}

/** Open cases at the scoring instant: opened at or before it and not closed by it (split 2). */
export function scoreSamplesSql(table: string): string {
  return `CREATE TABLE ${table} ENGINE = Memory AS
SELECT case_id AS sid, case_id, account_id, opened_at, {at:DateTime64(3, 'UTC')} AS score_at, toUInt8(2) AS split
FROM (SELECT case_id, argMin(account_id, occurred_at) AS account_id, min(occurred_at) AS opened_at
      FROM case_opened WHERE occurred_at <= {at:DateTime64(3, 'UTC')} GROUP BY case_id)
WHERE case_id NOT IN (SELECT case_id FROM case_closed WHERE occurred_at <= {at:DateTime64(3, 'UTC')})`;
}

/** The account of every case (its first opening), to put case-level events on their account. */
const CASE_ACCOUNT = `(SELECT case_id, any(account_id) AS account_id FROM case_opened GROUP BY case_id)`;

/** The account's events that history features count, with the account of case-level ones. */
const HISTORY = `SELECT account_id, case_id, 'open' AS kind, occurred_at AS at FROM case_opened
UNION ALL SELECT cm.account_id, x.case_id, if(x.outcome IN (${CURES}), 'cure', 'close'), x.occurred_at
  FROM case_closed AS x INNER JOIN ${CASE_ACCOUNT} AS cm ON cm.case_id = x.case_id
UNION ALL SELECT cm.account_id, x.case_id, if(x.outcome IN (${RPCS}), 'rpc', 'attempt'), x.occurred_at
  FROM contact_attempt AS x INNER JOIN ${CASE_ACCOUNT} AS cm ON cm.case_id = x.case_id
UNION ALL SELECT cm.account_id, x.case_id, 'promise', x.occurred_at
  FROM promise_to_pay AS x INNER JOIN ${CASE_ACCOUNT} AS cm ON cm.case_id = x.case_id
UNION ALL SELECT cm.account_id, x.case_id, 'plan', x.occurred_at
  FROM payment_plan AS x INNER JOIN ${CASE_ACCOUNT} AS cm ON cm.case_id = x.case_id
UNION ALL SELECT account_id, case_id, 'payment', occurred_at FROM payment`;

/** One row per sample: raw features (known at score_at) and the two 30-day labels. */
export function featuresSql(table: string, samples: string): string {
  const known = 'e.at <= s.score_at';
  return `CREATE TABLE ${table} ENGINE = Memory AS
SELECT s.sid AS sid, s.case_id AS case_id, s.account_id AS account_id, s.split AS split,
  s.score_at AS score_at, dateDiff('day', s.opened_at, s.score_at) AS case_age_days,
  c.segment AS segment, c.strategy AS strategy, c.entry_dpd AS entry_dpd,
  ${bucketSql("'open'", 'c.entry_dpd')} AS entry_bucket,
  a.product AS product, a.region AS region, a.risk_grade AS risk_grade,
  if(a.sid = '', 0, greatest(0, dateDiff('month', a.opened_on, toDate(s.score_at)))) AS mob,
  sn.dpd AS dpd, toFloat64(sn.balance) AS balance, sn.has_snapshot AS has_snapshot,
  ${bucketSql('sn.status', 'sn.dpd')} AS bucket,
  if(sn.n_90 > 0, log((1 + toFloat64(sn.balance)) / (1 + toFloat64(sn.bal_90))), 0) AS balance_trend,
  h.prior_cases AS prior_cases, h.prior_cures AS prior_cures, h.promises AS promises, h.plans AS plans,
  h.attempts_90 AS attempts_90, h.rpcs_90 AS rpcs_90, h.payments_180 AS payments_180,
  h.cure_30d AS cure_30d, h.payment_30d AS payment_30d
FROM ${samples} AS s
LEFT JOIN (
  SELECT s.sid AS sid, argMin(x.segment, x.occurred_at) AS segment,
    argMin(x.strategy, x.occurred_at) AS strategy, argMin(x.entry_dpd, x.occurred_at) AS entry_dpd
  FROM case_opened AS x INNER JOIN ${samples} AS s ON s.case_id = x.case_id
  WHERE x.occurred_at <= s.score_at GROUP BY s.sid
) AS c ON c.sid = s.sid
LEFT JOIN (
  SELECT s.sid AS sid, argMin(x.product, x.occurred_at) AS product,
    argMin(x.region, x.occurred_at) AS region, argMin(x.risk_grade, x.occurred_at) AS risk_grade,
    argMin(x.opened_on, x.occurred_at) AS opened_on
  FROM account_opened AS x INNER JOIN ${samples} AS s ON s.account_id = x.account_id
  WHERE x.occurred_at <= s.score_at GROUP BY s.sid
) AS a ON a.sid = s.sid
LEFT JOIN (
  -- the latest snapshot known at score_at; of one day's, the greatest (occurred_at, event_id)
  -- known then (docs/metrics/README.md#effective-snapshot: a later correction is not known yet)
  SELECT s.sid AS sid, 1 AS has_snapshot,
    argMax(x.dpd, (x.as_of, x.occurred_at, x.event_id)) AS dpd,
    argMax(x.balance, (x.as_of, x.occurred_at, x.event_id)) AS balance,
    argMax(x.status, (x.as_of, x.occurred_at, x.event_id)) AS status,
    argMaxIf(x.balance, (x.as_of, x.occurred_at, x.event_id), x.as_of <= toDate(s.score_at) - 90) AS bal_90,
    countIf(x.as_of <= toDate(s.score_at) - 90) AS n_90
  FROM account_snapshot AS x INNER JOIN ${samples} AS s ON s.account_id = x.account_id
  WHERE x.occurred_at <= s.score_at GROUP BY s.sid
) AS sn ON sn.sid = s.sid
LEFT JOIN (
  SELECT s.sid AS sid,
    countIf(e.kind = 'open' AND e.case_id != s.case_id AND ${known}) AS prior_cases,
    countIf(e.kind = 'cure' AND e.case_id != s.case_id AND ${known}) AS prior_cures,
    countIf(e.kind = 'promise' AND ${known}) AS promises,
    countIf(e.kind = 'plan' AND ${known}) AS plans,
    countIf(e.kind IN ('attempt', 'rpc') AND ${known} AND e.at > s.score_at - INTERVAL 90 DAY) AS attempts_90,
    countIf(e.kind = 'rpc' AND ${known} AND e.at > s.score_at - INTERVAL 90 DAY) AS rpcs_90,
    countIf(e.kind = 'payment' AND ${known} AND e.at > s.score_at - INTERVAL 180 DAY) AS payments_180,
    -- Labels (training and testing only; never a feature):
    max(e.kind = 'cure' AND e.case_id = s.case_id AND e.at >= s.score_at
        AND e.at <= s.score_at + INTERVAL 30 DAY) AS cure_30d,
    max(e.kind = 'payment' AND e.at > s.score_at AND e.at <= s.score_at + INTERVAL 30 DAY) AS payment_30d
  FROM (${HISTORY}) AS e INNER JOIN ${samples} AS s ON s.account_id = e.account_id
  GROUP BY s.sid
) AS h ON h.sid = s.sid
SETTINGS join_use_nulls = 0`;
}
