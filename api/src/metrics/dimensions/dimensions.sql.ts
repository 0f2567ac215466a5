/**
 * Values for the dashboard's filters, in one round trip: each dimension's
 * distinct non-empty values (account dimensions from any account_opened, case
 * dimensions from case_opened, both through the derived table dimension_values;
 * teams and agents from the latest agent_registered per agent).
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

export function dimensionsQuery(): SqlQuery {
  return {
    query: `
      -- Every value any account_opened / case_opened carries (not only each account's
      -- latest), from the derived table dimension_values: a few hundred rows at any scale.
      SELECT toString(kind) AS kind, value, '' AS name, '' AS team
      FROM dimension_values GROUP BY kind, value
      UNION ALL
      SELECT 'teams' AS kind, toString(tupleElement(d, 2)) AS value, '' AS name, '' AS team
      FROM ${AGENTS} WHERE value != '' GROUP BY value
      UNION ALL
      SELECT 'agents' AS kind, agent_id AS value, tupleElement(d, 1) AS name, toString(tupleElement(d, 2)) AS team
      FROM ${AGENTS}`,
    query_params: {},
  };
}
