/**
 * Values for the dashboard's filters, in one round trip: each dimension's
 * distinct non-empty values (account dimensions from the latest account_opened
 * per account, case dimensions from case_opened, teams and agents from the
 * latest agent_registered per agent).
 */
import type { SqlQuery } from '../../query.ts';

export interface DimensionRow {
  readonly kind: string;
  readonly value: string;
  readonly name: string;
  readonly team: string;
}

const ACCOUNT_DIMS = `(
  SELECT account_id,
    argMax(tuple(portfolio, product, region, risk_grade), tuple(occurred_at, event_id)) AS d
  FROM account_opened GROUP BY account_id
)`;

const AGENTS = `(
  SELECT agent_id, argMax(tuple(name, team), tuple(occurred_at, event_id)) AS d
  FROM agent_registered GROUP BY agent_id
)`;

function distinct(kind: string, expr: string, from: string): string {
  return `SELECT '${kind}' AS kind, toString(${expr}) AS value, '' AS name, '' AS team
    FROM ${from} WHERE value != '' GROUP BY value`;
}

export function dimensionsQuery(): SqlQuery {
  return {
    query: [
      distinct('portfolios', 'tupleElement(d, 1)', ACCOUNT_DIMS),
      distinct('products', 'tupleElement(d, 2)', ACCOUNT_DIMS),
      distinct('regions', 'tupleElement(d, 3)', ACCOUNT_DIMS),
      distinct('riskGrades', 'tupleElement(d, 4)', ACCOUNT_DIMS),
      distinct('segments', 'segment', 'case_opened'),
      distinct('strategies', 'strategy', 'case_opened'),
      distinct('experiments', 'experiment', 'case_opened'),
      distinct('teams', 'tupleElement(d, 2)', AGENTS),
      `SELECT 'agents' AS kind, agent_id AS value, tupleElement(d, 1) AS name, toString(tupleElement(d, 2)) AS team
        FROM ${AGENTS}`,
    ].join('\nUNION ALL\n'),
    query_params: {},
  };
}
