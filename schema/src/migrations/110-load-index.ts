import { skipIndexSql } from '../ddl.ts';
import { EVENT_TABLES, LOAD_INDEX } from '../tables.ts';
import type { Migration } from './index.ts';

/**
 * Every event table gets its set index of load_id (tables.ts LOAD_INDEX), so that reads of
 * the loads' rows skip other loads' granules. Databases created since have it from their
 * definitions (ADD … IF NOT EXISTS then changes nothing); older ones build it for their
 * parts in the background (MATERIALIZE INDEX is a mutation: at scale M about 3 CPU-s over
 * the event tables). Until a part has it, reads scan that part as before.
 */
export const m110LoadIndex: Migration = {
  version: 110,
  name: 'event tables: set index of load_id',
  steps: Object.values(EVENT_TABLES).flatMap((table) => [
    {
      sql: `ALTER TABLE ${table.name} ADD INDEX IF NOT EXISTS ${skipIndexSql(LOAD_INDEX)}`,
      cluster: 'on-cluster' as const,
    },
    {
      sql: `ALTER TABLE ${table.name} MATERIALIZE INDEX ${LOAD_INDEX.name}`,
      cluster: 'on-cluster' as const,
    },
  ]),
};
