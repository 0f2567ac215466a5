/**
 * Case drill-down (docs/metrics/cases.md): filtered, paged cases
 * with their current holder and what was paid. The page is cut from case_facts
 * before anything is joined; holders, agents and payments are looked up only
 * for the cases of the page (docs/metrics/cases.md).
 *
 * The current holder is the latest case_assigned (docs/etl.md); its team comes from
 * the latest agent_registered. The account id is shown as a keyed tag (sql/mask.ts).
 */
import { bucketSql } from '@collections/schema';
import type { SqlQuery } from '../../query.ts';
import {
  andSql,
  caseColumnsSql,
  portfolioFilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import { AGENTS_SQL } from '../../sql/agents.ts';
import { CASES_SQL } from '../../sql/cases.ts';
import { accountTagParams, accountTagSql } from '../../sql/mask.ts';
import { afterSql, DEFAULT_ORDER, listConditions, orderSql, type ListOrder } from './cases.list.ts';
import type { CaseFilter } from './cases.types.ts';

export interface CaseQueryArgs {
  readonly filter?: CaseFilter | null;
  readonly portfolio?: PortfolioFilter | null;
  readonly caseId?: string;
  readonly tz: string;
  /** PII_KEY, from which the account tags' key derives. */
  readonly piiKey?: string;
  /** PROMISE_GRACE_DAYS (promise filters). */
  readonly graceDays?: number;
  readonly order?: ListOrder;
  /** Rows after this cursor (afterSql). */
  readonly after?: string | null;
}

/**
 * Filtered cases as a condition on case_facts rows. Case-level filters are
 * plain predicates on the table; filters on the holder (the latest case_assigned,
 * docs/etl.md: team, agent) become a `case_id IN (…)` over the holders that match,
 * so no query joins every case to its holder. A case without an assignment has holder '' and team '' (as the
 * LEFT JOINs of the page give it).
 */
function filteredCases(args: CaseQueryArgs): { where: string; params: Record<string, unknown> } {
  const f = args.filter ?? {};
  const where: string[] = [];
  const holderWhere: string[] = [];
  let unassignedMatch = true;
  const params: Record<string, unknown> = { tz: args.tz };
  const inList = (
    values: string[] | null | undefined,
    column: string,
    name: string,
    into = where,
  ) => {
    if (!values || values.length === 0) return;
    params[name] = values;
    into.push(`${column} IN {${name}:Array(String)}`);
    if (into === holderWhere && !values.includes('')) unassignedMatch = false;
  };
  inList(f.strategies, 'strategy', 'f_strategy');
  inList(f.segments, 'segment', 'f_segment');
  inList(f.teams, 'ag.team', 'f_team', holderWhere);
  inList(f.agentIds, 'h.agent_id', 'f_agent', holderWhere);
  const candidateWhere: string[] = [];
  if (params.f_team)
    candidateWhere.push(
      `agent_id IN (SELECT agent_id FROM ${AGENTS_SQL} WHERE team IN {f_team:Array(String)})`,
    );
  if (params.f_agent) candidateWhere.push('agent_id IN {f_agent:Array(String)}');
  inList(f.entryBuckets, bucketSql("'open'", 'entry_dpd'), 'f_bucket');
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
  if (holderWhere.length > 0) {
    // Only cases ever assigned to a matching agent can have one as holder: narrow the
    // argMax to them, unless '' (no holder or unregistered holder's team) is wanted.
    const candidates = unassignedMatch
      ? ''
      : `WHERE case_id IN (SELECT case_id FROM case_assigned WHERE ${candidateWhere.join(' AND ')})`;
    const held = `case_id IN (
      SELECT h.case_id FROM (
        SELECT case_id, argMax(agent_id, occurred_at) AS agent_id FROM case_assigned ${candidates} GROUP BY case_id
      ) AS h
      LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = h.agent_id
      WHERE ${holderWhere.join(' AND ')})`;
    where.push(
      unassignedMatch ? `(${held} OR case_id NOT IN (SELECT case_id FROM case_assigned))` : held,
    );
  }
  // CASES_SQL carries the case dimensions; the account ones are looked up
  const pf = andSql(
    portfolioFilterSql(args.portfolio, 'account_id'),
    caseColumnsSql(args.portfolio),
  );
  Object.assign(params, pf.params);
  where.push(pf.condition);
  const list = listConditions(args.filter, args.graceDays ?? 0);
  Object.assign(params, list.params);
  where.push(...list.where);
  return { where: where.join(' AND '), params };
}

export function caseCountQuery(args: CaseQueryArgs): SqlQuery {
  const { where, params } = filteredCases(args);
  return {
    query: `SELECT toInt64(count()) AS total FROM ${CASES_SQL} WHERE ${where}`,
    query_params: params,
  };
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
  is_closed: number;
  closed_at: string;
  outcome: string;
  /** All matching cases (the same on every row of the page). */
  total: number;
  /** The row's value of the order's column, as text (its cursor). */
  sort_key: string;
}

/**
 * One page of cases with the total of all matches, in one pass over case_facts
 * (a window count; nothing joined): the holder and its agent are looked up for
 * the page's cases only (caseHoldersQuery), as the payments are.
 */
/**
 * One page of the list; `withTotal` false leaves the window count out (0), for callers
 * that counted already (the CSV stream counts once, not once per page).
 */
export function casePageQuery(
  args: CaseQueryArgs,
  limit: number,
  offset: number,
  withTotal = true,
): SqlQuery {
  const { where, params } = filteredCases(args);
  const order = orderSql(args.order ?? DEFAULT_ORDER);
  // after a cursor, count() OVER () would count the rows after it only: the caller counts
  const after = args.after
    ? afterSql(args.order ?? DEFAULT_ORDER, args.after)
    : { condition: '1', params: {} };
  return {
    query: `
      SELECT case_id, ${accountTagSql('account_id')} AS account_masked, opened_at, strategy, experiment,
             arm_role, segment, entry_dpd, ${bucketSql("'open'", 'entry_dpd')} AS entry_bucket,
             round(toFloat64(entry_balance), 2) AS entry_balance, is_closed, closed_at, outcome,
             ${withTotal ? 'toInt64(count() OVER ())' : 'toInt64(0)'} AS total, ${order.sortKey} AS sort_key
      FROM ${CASES_SQL}
      WHERE ${where} AND ${after.condition}
      ORDER BY ${order.orderBy}
      LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    query_params: { ...params, ...after.params, ...accountTagParams(args.piiKey), limit, offset },
  };
}

export interface HolderRow {
  case_id: string;
  agent_id: string;
  agent_name: string;
  team: string;
}

/** The current holder of each case of a page and its agent (case_assigned is sorted by case_id). */
export function caseHoldersQuery(caseIds: readonly string[]): SqlQuery {
  return {
    query: `SELECT h.case_id AS case_id, h.agent_id AS agent_id, ag.name AS agent_name, ag.team AS team
            FROM (SELECT case_id, argMax(agent_id, occurred_at) AS agent_id FROM case_assigned
                  WHERE case_id IN {ids:Array(String)} GROUP BY case_id) AS h
            LEFT JOIN ${AGENTS_SQL} AS ag ON ag.agent_id = h.agent_id
            SETTINGS join_use_nulls = 0`,
    query_params: { ids: caseIds },
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
