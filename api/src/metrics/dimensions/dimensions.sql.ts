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
      // One pass over the accounts for all four account dimensions.
      `SELECT kind, value, '' AS name, '' AS team FROM (
        SELECT arrayJoin([
          ('portfolios', toString(tupleElement(d, 1))), ('products', toString(tupleElement(d, 2))),
          ('regions', toString(tupleElement(d, 3))), ('riskGrades', toString(tupleElement(d, 4)))
        ]) AS kv, tupleElement(kv, 1) AS kind, tupleElement(kv, 2) AS value
        FROM ${ACCOUNT_DIMS}
      ) WHERE value != '' GROUP BY kind, value`,
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
