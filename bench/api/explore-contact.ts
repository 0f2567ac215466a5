/**
 * `pnpm bench:explore-contact --db DIR [--runs R]`: times explore's contact-side
 * measures (docs/metrics/explore.md "Contact, agent and experiment measures") side
 * by side with the named metric each equals, over the data's last 12 whole months,
 * round-robin so machine noise hits every case alike. Prints medians; never asserts.
 */
import { parseArgs } from 'node:util';
import { timeRoundRobin } from './round-robin.ts';
import { addMonths, lastDayOfMonth } from '@collections/api/queries';
import { loadEnv, migrate, openDb, queryRows } from '@collections/schema';

const { values } = parseArgs({
  options: { db: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
if (!values.db) throw new Error('--db DIR is required (a loaded embedded database)');
const runs = Number(values.runs);
const env = loadEnv({ CHDB_PATH: values.db });
const db = await openDb(env);
await migrate(db);

const [{ last } = { last: '' }] = await queryRows<{ last: string }>(
  db,
  `SELECT formatDateTime(addMonths(toStartOfMonth(toDate(max(max_occurred_at))), -1), '%Y-%m') AS last FROM data_as_of`,
);
const [{ experiment } = { experiment: '' }] = await queryRows<{ experiment: string }>(
  db,
  `SELECT toString(experiment) AS experiment FROM case_outcome_facts WHERE experiment != '' GROUP BY experiment ORDER BY count() DESC LIMIT 1`,
);
const from = `${addMonths(last, -11)}-01`;
const to = lastDayOfMonth(last);
const period = `from: "${from}", to: "${to}"`;
const explore = (dims: string, measures: string, filter = '') =>
  `{ explore(${period}, dimensions: [${dims}], measures: [${measures}]${filter}) { rows { key values { value numerator denominator } } } }`;
const AGENT_MEASURES =
  'ATTEMPTS, RPC_RATE, TALK_SECONDS, PROMISES, KEPT_RATE, PROMISES_PER_RPC, AMOUNT_COLLECTED, VIOLATIONS';
const AGENT_FIELDS =
  'attempts rpcs rpcRate promises promiseRate keptRate amountCollected talkSeconds violations';

const CASES: { name: string; query: string }[] = [
  {
    name: 'channelEffectiveness',
    query: `{ channelEffectiveness(${period}) { channel attempts contacts rpcs promises payments amountCollected cost } }`,
  },
  {
    name: 'explore by CHANNEL (its 10 figures)',
    query: explore(
      'CHANNEL',
      'ATTEMPTS, CONTACT_RATE, RPC_RATE, PROMISE_ATTEMPTS, CONTACT_COST, CREDITED_PAYMENTS, COST_PER_CREDITED',
    ),
  },
  {
    name: 'contactWindows',
    query: `{ contactWindows(${period}) { cells { channel weekday hour attempts rpcs promises } } }`,
  },
  {
    name: 'explore by CHANNEL × WEEKDAY × HOUR (voice)',
    query: explore(
      'CHANNEL, CONTACT_WEEKDAY, CONTACT_HOUR',
      'RPC_RATE, PROMISE_ATTEMPT_RATE',
      ', filter: { channels: ["call", "field_visit", "ivr"] }',
    ),
  },
  {
    name: 'agentPerformance (limit 1000)',
    query: `{ agentPerformance(${period}, limit: 1000) { rows { agentId ${AGENT_FIELDS} } } }`,
  },
  { name: 'explore by AGENT (9 figures)', query: explore('AGENT', AGENT_MEASURES) },
  { name: 'teamPerformance', query: `{ teamPerformance(${period}) { team ${AGENT_FIELDS} } }` },
  { name: 'explore by TEAM (9 figures)', query: explore('TEAM', AGENT_MEASURES) },
  {
    name: 'complianceReport (agents)',
    query: `{ complianceReport(${period}) { agents { agentId voiceAttempts violations outsideHours overDailyLimit overWeeklyLimit } } }`,
  },
  {
    name: 'explore compliance by AGENT',
    query: explore('AGENT', 'VIOLATION_RATE, OUTSIDE_HOURS, OVER_DAILY_LIMIT, OVER_WEEKLY_LIMIT'),
  },
  {
    name: `strategyComparison (${experiment})`,
    query: `{ strategyComparison(experiment: "${experiment}", ${period}) { arms { strategy cases cureRate recoveryRate costPerCase } } }`,
  },
  {
    name: 'explore by EXPERIMENT × STRATEGY',
    query: explore(
      'EXPERIMENT, STRATEGY',
      'CASES_OPENED, CURE_RATE_30D, RECOVERY_RATE_30D, COST_PER_MATURE_CASE_30D',
      `, filter: { experiments: ["${experiment}"] }`,
    ),
  },
];

await timeRoundRobin(db, env, CASES, { runs, warmups: 1, title: `${from} … ${to}, no grain` });
await db.close();
