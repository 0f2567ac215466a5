/**
 * bench/api/perf-contact.ts "before": api/src/metrics/cases/cases.sql.ts as of
 * commit 79768a7. Original comment:
 *
 * Case drill-down (SPEC §1 analysts, §5 analyst role): filtered, paged cases
 * with their current holder and what was paid. The page and the total come
 * from one pass over the case tables (window count); payments are then summed
 * only for the cases of the page.
 *
 * The current holder is the latest case_assigned (SPEC §2); its team comes from
 * the latest agent_registered. The account id is masked (first 4 characters).
 */
import { bucketSql } from '../../schema/src/domain.ts';
import type { SqlQuery } from '../../api/src/query.ts';
import {
  portfolioFilterSql,
  type PortfolioFilter,
} from '../../api/src/filters/portfolio-filter.ts';
import { AGENTS_SQL } from '../../api/src/sql/agents.ts';
import { CASES_SQL } from '../../api/src/sql/cases.ts';
import type { CaseFilter } from '../../api/src/metrics/cases/cases.types.ts';

export interface CaseQueryArgs {
  readonly filter?: CaseFilter | null;
  readonly portfolio?: PortfolioFilter | null;
  readonly caseId?: string;
  readonly tz: string;
}

/** Filtered cases: one row per case with the columns the page shows (paid excepted). */
function filteredCases(args: CaseQueryArgs): { sql: string; params: Record<string, unknown> } {
  const f = args.filter ?? {};
  const where: string[] = [];
  const params: Record<string, unknown> = { tz: args.tz };
  const list = (values: string[] | null | undefined, column: string, name: string) => {
    if (!values || values.length === 0) return;
    params[name] = values;
    where.push(`${column} IN {${name}:Array(String)}`);
  };
  list(f.strategies, 'strategy', 'f_strategy');
  list(f.segments, 'segment', 'f_segment');
  list(f.teams, 'team', 'f_team');
  list(f.agentIds, 'agent_id', 'f_agent');
  list(f.entryBuckets, 'entry_bucket', 'f_bucket');
  if (f.outcomes && f.outcomes.length > 0) {
    params.f_outcome = f.outcomes;
    where.push(`if(is_closed, outcome, 'open') IN {f_outcome:Array(String)}`);
  }
  if (f.openedFrom) {
    params.f_from = f.openedFrom;
    where.push('opened_at >= toDateTime64({f_from:Date32}, 3, {tz:String})');
  }
  if (f.openedTo) {
    params.f_to = f.openedTo;
    where.push('opened_at < toDateTime64(addDays({f_to:Date32}, 1), 3, {tz:String})');
  }
  if (args.caseId !== undefined) {
    params.case_id = args.caseId;
    where.push('case_id = {case_id:String}');
  }
  const pf = portfolioFilterSql(args.portfolio, 'account_id');
  Object.assign(params, pf.params);
  where.push(pf.condition);
  const sql = `(
    SELECT * FROM (
      SELECT c.case_id AS case_id, c.account_id AS account_id, c.opened_at AS opened_at,
             c.strategy AS strategy, c.experiment AS experiment, c.arm_role AS arm_role,
             c.segment AS segment, c.entry_dpd AS entry_dpd,
             ${bucketSql("'open'", 'c.entry_dpd')} AS entry_bucket,
             c.entry_balance AS entry_balance, c.is_closed AS is_closed, c.closed_at AS closed_at,
             c.outcome AS outcome, h.agent_id AS agent_id, ag.name AS agent_name, ag.team AS team
      FROM ${CASES_SQL} AS c
      LEFT JOIN (SELECT case_id, argMax(agent_id, occurred_at) AS agent_id FROM case_assigned GROUP BY case_id) AS h
        ON h.case_id = c.case_id
      LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = h.agent_id
    )
    WHERE ${where.join(' AND ')}
  )`;
  return { sql, params };
}

export function caseCountQuery(args: CaseQueryArgs): SqlQuery {
  const { sql, params } = filteredCases(args);
  return { query: `SELECT toInt64(count()) AS total FROM ${sql}`, query_params: params };
}

export interface CaseRow {
  case_id: string;
  account_masked: string;
  opened_at: string;
  strategy: string;
  experiment: string;
  arm_role: string;
  segment: string;
  entry_dpd: number;
  entry_bucket: string;
  entry_balance: number;
  agent_id: string;
  agent_name: string;
  team: string;
  is_closed: number;
  closed_at: string;
  outcome: string;
  /** All matching cases (the same on every row of the page). */
  total: number;
}

/** One page of cases with the total of all matches (a window count, so one pass). */
export function casePageQuery(args: CaseQueryArgs, limit: number, offset: number): SqlQuery {
  const { sql, params } = filteredCases(args);
  return {
    query: `
      SELECT case_id, if(account_id = '', '', concat(substringUTF8(account_id, 1, 4), '…')) AS account_masked, opened_at, strategy, experiment,
             arm_role, segment, entry_dpd, entry_bucket, round(toFloat64(entry_balance), 2) AS entry_balance,
             agent_id, agent_name, team, is_closed, closed_at, outcome, toInt64(count() OVER ()) AS total
      FROM ${sql}
      ORDER BY opened_at DESC, case_id
      LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    query_params: { ...params, limit, offset },
  };
}

/** Payments per case for the cases of a page (payment is sorted by case_id: an index lookup). */
export function casePaidQuery(caseIds: readonly string[]): SqlQuery {
  return {
    query: `SELECT case_id, round(toFloat64(sum(amount)), 2) AS paid FROM payment
            WHERE case_id IN {ids:Array(String)} GROUP BY case_id`,
    query_params: { ids: caseIds },
  };
}
