/**
 * docs/metrics/repayment-plans.md, for plans created in [from, to] (local days): one
 * row per group of the requested dimensions with plans, total amount, amount
 * paid on the case since the plan was created, the installments due so far
 * (installment = total_amount / installments, due monthly from first_due_on,
 * counted up to the as-of date), on track (paid ≥ due so far, compared in
 * cents) and completion (cases closed plan_completed / plans whose case is
 * closed, by the case's latest close). A plan_id seen twice keeps its first
 * event. Missing case or account dimensions group as ''.
 */
import { bucketSql } from '@collections/schema';
import { caseFilterSql, type PortfolioFilter } from '../../filters/portfolio-filter.ts';
import type { SqlQuery } from '../../query.ts';
import { ACCOUNTS_SQL } from '../../sql/accounts.ts';
import { asOfDateSql } from '../../sql/as-of.ts';
import { CASES_SQL } from '../../sql/cases.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { smallCellsSql, suppresses, SUPPRESSED_GROUPS_SQL } from '../../sql/small-cells.ts';

const PER_PLAN_COLUMNS = ['total_amount', 'paid', 'due', 'is_closed', 'outcome'];

/** Dimensions a plan can be grouped by, with their (whitelisted) SQL. */
export const PLAN_DIMENSIONS = {
  kind: 'p.kind',
  strategy: 'c.strategy',
  segment: 'c.segment',
  entry_bucket: `if(c.case_id = '', '', ${bucketSql("'open'", 'c.entry_dpd')})`,
  product: 'a.product',
  portfolio: 'a.portfolio',
  region: 'a.region',
} as const;
export type PlanDimension = keyof typeof PLAN_DIMENSIONS;
const ACCOUNT_DIMENSIONS: readonly PlanDimension[] = ['product', 'portfolio', 'region'];

export interface RepaymentPlansArgs {
  readonly from: string;
  readonly to: string;
  readonly groupBy: readonly PlanDimension[];
  readonly tz: string;
  readonly filter?: PortfolioFilter | null;
  /** Merge groups of fewer plans than this (sql/small-cells.ts; the viewer role); unset = none. */
  readonly minPlans?: number;
}

export interface PlanGroupRow {
  key: string[];
  plans: number;
  sum_total: number;
  sum_paid: number;
  sum_due: number;
  on_track: number;
  closed_plans: number;
  completed: number;
  suppressed_groups: number;
}

/**
 * Each plan as its first event (a plan_id seen twice keeps it): created_at,
 * case_id, kind, installments, total_amount, first_due_on. Explore's plans fact reads it too.
 */
export const PLANS_SQL = `(
  SELECT plan_id, min(occurred_at) AS created_at,
         argMin(case_id, occurred_at) AS case_id, argMin(kind, occurred_at) AS kind,
         argMin(installments, occurred_at) AS installments,
         argMin(total_amount, occurred_at) AS total_amount,
         argMin(first_due_on, occurred_at) AS first_due_on
  FROM payment_plan
  GROUP BY plan_id
)`;

export function repaymentPlansQuery(args: RepaymentPlansArgs): SqlQuery {
  const key = `CAST([${args.groupBy.map((d) => `toString(${PLAN_DIMENSIONS[d]})`).join(', ')}] AS Array(String))`;
  const suppress = suppresses(args.minPlans);
  // on the plan's (first) case: the alias case_id below
  const filter = caseFilterSql(args.filter, 'case_id');
  // one row per plan with its group key (named keyAlias)
  const perPlan = (keyAlias: string) => `
        SELECT ${key} AS ${keyAlias}, p.total_amount AS total_amount, q.paid AS paid,
               round(toFloat64(p.total_amount) * arrayCount(i -> addMonths(p.first_due_on, i) <= as_of_date,
                     range(p.installments)) / p.installments, 2) AS due,
               c.is_closed AS is_closed, c.outcome AS outcome
        FROM plans AS p
        CROSS JOIN (SELECT ${asOfDateSql('{tz:String}')} AS as_of_date) AS d
        LEFT JOIN (
          SELECT p.plan_id AS plan_id, sumIf(pay.amount, pay.occurred_at >= p.created_at) AS paid
          FROM plans AS p
          LEFT JOIN (
            SELECT case_id, occurred_at, amount FROM payment
            WHERE case_id != '' AND case_id IN (SELECT case_id FROM plans)
          ) AS pay ON pay.case_id = p.case_id
          GROUP BY p.plan_id
        ) AS q ON q.plan_id = p.plan_id
        LEFT JOIN (SELECT * FROM ${CASES_SQL} WHERE case_id IN (SELECT case_id FROM plans)) AS c
          ON c.case_id = p.case_id
        ${
          // the account dimension only when a requested dimension needs it
          args.groupBy.some((d) => ACCOUNT_DIMENSIONS.includes(d))
            ? `LEFT JOIN (
          SELECT * FROM ${ACCOUNTS_SQL}
          WHERE account_id IN (SELECT account_id FROM case_opened WHERE case_id IN (SELECT case_id FROM plans))
        ) AS a ON a.account_id = c.account_id`
            : ''
        }`;
  return {
    query: `
      WITH plans AS (
        SELECT * FROM ${PLANS_SQL}
        WHERE ${inPeriodSql('created_at')} AND ${filter.condition}
      )
      -- output aliases differ from the inner columns: ClickHouse would resolve those to the alias
      SELECT key,
             toUInt32(count()) AS plans,
             round(toFloat64(sum(total_amount)), 2) AS sum_total,
             round(toFloat64(sum(paid)), 2) AS sum_paid,
             round(sum(due), 2) AS sum_due,
             toUInt32(countIf(toFloat64(paid) >= due)) AS on_track,
             toUInt32(countIf(is_closed)) AS closed_plans,
             toUInt32(countIf(is_closed AND outcome = 'plan_completed')) AS completed,
             toUInt32(${suppress ? SUPPRESSED_GROUPS_SQL : '0'}) AS suppressed_groups
      FROM (${suppress ? smallCellsSql(perPlan('raw_key'), PER_PLAN_COLUMNS) : perPlan('key')})
      GROUP BY key
      ORDER BY suppressed_groups > 0, key
      SETTINGS join_use_nulls = 0`,
    query_params: {
      from: args.from,
      to: args.to,
      tz: args.tz,
      ...filter.params,
      ...(suppress ? { min_cases: args.minPlans } : {}),
    },
  };
}
