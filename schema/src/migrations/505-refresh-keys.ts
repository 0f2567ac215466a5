import { REFRESH_KEYS } from '../derived/keys.ts';
import type { Migration } from './index.ts';

/**
 * refresh_keys: the key sets of one derived refresh, written once and read by every
 * derived table (docs/decisions/007-refresh-keys.md). Scratch: empty between refreshes.
 */
export const m505RefreshKeys: Migration = {
  version: 505,
  name: 'refresh_keys: key sets computed once per derived refresh',
  steps: [{ table: REFRESH_KEYS }],
};
