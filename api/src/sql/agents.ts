/**
 * Agent dimension, resolved at query time (docs/etl.md#event-format: late dimensions are not
 * rejected): the latest `agent_registered` of each agent.
 *
 * Columns: agent_id, name, team, site.
 */
export const AGENTS_SQL = `(
  SELECT agent_id, argMax(name, occurred_at) AS name, argMax(team, occurred_at) AS team,
         argMax(site, occurred_at) AS site
  FROM agent_registered GROUP BY agent_id
)`;
