/**
 * Work queue (docs/models.md "Work queue"): the open cases scored by the latest
 * published cure run, at its latest scoring instant, ranked by expected recovery
 * per unit of contact cost = P(cure in 30 d) × balance ÷ expected contact cost
 * (the strategy's contact cost per case over the 30 days before scoring; all
 * three are stored with the score in `case_score`). Filters are lists of values,
 * passed as parameters; an empty list does not filter.
 */
import type { SqlQuery } from '../../query.ts';

export interface WorkQueueFilters {
  readonly teams: readonly string[];
  readonly agents: readonly string[];
  readonly segments: readonly string[];
  readonly buckets: readonly string[];
}

const LATEST = `(SELECT max(scored_at) FROM case_score WHERE run_id = {runId:UUID})`;
const TEAMS = `(SELECT agent_id, argMax(team, occurred_at) AS team FROM agent_registered GROUP BY agent_id)`;
const SCORED = `(
  SELECT s.case_id AS case_id, s.score AS score, s.balance AS balance, s.expected_cost AS expected_cost,
         s.bucket AS bucket, s.segment AS segment, s.strategy AS strategy, s.agent_id AS agent_id,
         toString(a.team) AS team, s.scored_at AS scored_at
  FROM case_score AS s LEFT JOIN ${TEAMS} AS a ON a.agent_id = s.agent_id
  WHERE s.run_id = {runId:UUID} AND s.scored_at = ${LATEST}
)`;

export interface WorkQueueRow {
  case_id: string;
  score: number;
  balance: number;
  expected_cost: number;
  expected_recovery: number;
  priority: number;
  bucket: string;
  segment: string;
  strategy: string;
  agent_id: string;
  team: string;
  scored_at: string;
  total: string;
}

export function workQueueQuery(args: {
  runId: string;
  filters: WorkQueueFilters;
  limit: number;
  offset: number;
}): SqlQuery {
  const f = args.filters;
  return {
    query: `
      SELECT case_id, score, balance, expected_cost, score * balance AS expected_recovery,
             expected_recovery / expected_cost AS priority, bucket, segment, strategy, agent_id, team,
             scored_at, count() OVER () AS total
      FROM ${SCORED}
      WHERE (empty({teams:Array(String)}) OR has({teams:Array(String)}, team))
        AND (empty({agents:Array(String)}) OR has({agents:Array(String)}, agent_id))
        AND (empty({segments:Array(String)}) OR has({segments:Array(String)}, toString(segment)))
        AND (empty({buckets:Array(String)}) OR has({buckets:Array(String)}, toString(bucket)))
      ORDER BY priority DESC, case_id
      LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
    query_params: {
      runId: args.runId,
      teams: [...f.teams],
      agents: [...f.agents],
      segments: [...f.segments],
      limit: args.limit,
      offset: args.offset,
      buckets: [...f.buckets],
    },
  };
}

/** The values each filter can take in the run's queue, to refuse a misspelt one. */
export function workQueueValuesQuery(runId: string): SqlQuery {
  return {
    query: `SELECT groupUniqArray(team) AS teams, groupUniqArray(agent_id) AS agents,
                   groupUniqArray(toString(segment)) AS segments
            FROM ${SCORED}`,
    query_params: { runId },
  };
}
