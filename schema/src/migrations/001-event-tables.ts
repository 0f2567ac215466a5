import { EVENT_INDEX, EVENT_TABLES, LOAD_LEDGER, QUARANTINE } from '../tables.ts';
import type { Migration } from './index.ts';

export const m001EventTables: Migration = {
  version: 1,
  name: 'event tables, event index, quarantine, load ledger',
  steps: [...Object.values(EVENT_TABLES), EVENT_INDEX, QUARANTINE, LOAD_LEDGER].map((table) => ({
    table,
  })),
};
