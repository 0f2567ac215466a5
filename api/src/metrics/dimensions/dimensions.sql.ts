/**
 * Values for the dashboard's filters, in one round trip: each dimension's
 * distinct non-empty values (account dimensions from any account_opened, case dimensions from case_opened, teams and agents from the
 * latest agent_registered per agent).
 */
import type { SqlQuery } from '../../query.ts';

export interface DimensionRow {
  readonly kind: string;
  readonly value: string;
  readonly name: string;
  readonly team: string;
}

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
      // Every value any account_opened carries (not only each account's latest):
      // DISTINCT on LowCardinality columns reads their dictionaries, milliseconds at 1 M
      // accounts, where a latest-per-account argMax took seconds (docs/API.md).
      distinct('portfolios', 'portfolio', 'account_opened'),
      distinct('products', 'product', 'account_opened'),
      distinct('regions', 'region', 'account_opened'),
      distinct('riskGrades', 'risk_grade', 'account_opened'),
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
