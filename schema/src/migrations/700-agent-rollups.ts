import { AGENT_CASE_DAYS } from '../derived/agent-case-days/index.ts';
import { AGENT_DAY } from '../derived/agent-day/index.ts';
import type { Migration } from './index.ts';

/**
 * agent_day and agent_case_days: per-(agent, UTC day) measures and per-(agent,
 * case) attempt days, so that agent and team performance over long periods read
 * roll-ups (docs/schema.md#derived-tables). Filled for data loaded before this migration
 * by `refreshDerived` over the committed load_ids (bench/api/fill-derived.ts).
 */
export const m700AgentRollups: Migration = {
  version: 700,
  name: 'agent_day and agent_case_days: roll-ups for agent and team performance',
  steps: [{ table: AGENT_DAY }, { table: AGENT_CASE_DAYS }],
};
