/**
 * The key sets several derived tables read (keys.ts), each written once per refresh.
 * A set used by one table only is declared in that table's file.
 */
import { keySet, loadedDays, loadedIds, type KeySet } from './keys.ts';
import { loadedRows } from './load-bounds.ts';

export const ACCOUNTS_OPENED = loadedIds('accounts_opened', 'account_opened', 'account_id');
export const ACCOUNTS_SNAPSHOT = loadedIds('accounts_snapshot', 'account_snapshot', 'account_id');

/**
 * (account, as_of) of the loads' snapshots: the accounts whose months the loads change
 * and, by their days, which months (account-month/index.ts MONTHS_SQL).
 */
export const SNAPSHOT_DAYS: KeySet = {
  name: 'snapshot_days',
  loaded: 'account_snapshot',
  select: `SELECT account_id AS key, as_of AS day FROM account_snapshot
WHERE ${loadedRows('account_snapshot')}`,
};

export const CASES_OPENED = loadedIds('cases_opened', 'case_opened', 'case_id');
export const CASES_CLOSED = loadedIds('cases_closed', 'case_closed', 'case_id');
export const CASES_ASSIGNED = loadedIds('cases_assigned', 'case_assigned', 'case_id');
export const CASES_ATTEMPTED = loadedIds('cases_attempted', 'contact_attempt', 'case_id');
/** cases with an attempt by an agent (not an automated channel) */
export const CASES_AGENT_ATTEMPTED = loadedIds(
  'cases_agent_attempted',
  'contact_attempt',
  'case_id',
  "agent_id != ''",
);
export const CASES_PAID = loadedIds('cases_paid', 'payment', 'case_id', "case_id != ''");
export const CASES_PROMISED = loadedIds('cases_promised', 'promise_to_pay', 'case_id');
export const CASES_LEGAL = loadedIds('cases_legal', 'legal_action', 'case_id');

/**
 * Cases of the accounts with a loaded opening (late account dimensions): any opening of
 * the case names the account. A superset of "its first opening does" (case_facts), which
 * is safe: the tables recompute every listed case from all its events.
 */
export const CASES_OF_ACCOUNTS_OPENED: KeySet = {
  name: 'cases_of_accounts_opened',
  select: `SELECT case_id AS key, toDate32(0) AS day FROM case_opened
WHERE account_id IN ${keySet(ACCOUNTS_OPENED)}`,
  uses: [ACCOUNTS_OPENED],
};

export const DAYS_ATTEMPTED = loadedDays('days_attempted', 'contact_attempt');
export const DAYS_PAID = loadedDays('days_paid', 'payment');
