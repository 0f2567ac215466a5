import { AGENT_MONTH } from '../derived/agent-month/index.ts';
import type { Migration } from './index.ts';

/**
 * agent_month: agent_day summed per (agent, UTC month), for the whole months of
 * long agent/team performance periods (docs/schema.md#derived-tables). Filled for data
 * loaded before this migration by `refreshDerived` over the committed load_ids
 * (bench/api/fill-derived.ts).
 */
export const m701AgentMonth: Migration = {
  version: 701,
  name: 'agent_month: per-(agent, UTC month) roll-up of agent_day',
  steps: [{ table: AGENT_MONTH }],
};
