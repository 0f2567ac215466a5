/**
 * The dashboard's mix for bench:load, with the dashboard's own selections
 * (dashboard/src/features/*): overview `kpis` (default three months), `rollRates`
 * over the 12 months before the as-of month, `agentPerformance` for the last full
 * month (the agents page's first page of 1 000), `strategyComparison` of the
 * first experiment. Dates come from the API's own as-of.
 */
import { addMonths, lastDayOfMonth as lastDay } from '@collections/api/queries';

export type Mix = string[];

const KPIS = `query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {
  kpis(from: $from, to: $to, filter: $filter) { from to asOf kpis { name value previous } } }`;
const ROLL = `query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
  rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
    months { month unobserved unobservedBalance
      flows { bucket accounts balance unobserved rollForwardRate rollForwardBalanceRate cureRate cureBalanceRate paidOffRate paidOffBalanceRate }
      transitions { from to accounts balance accountRate balanceRate } }
    pooledUnobserved
    pooledFlows { bucket accounts balance unobserved rollForwardRate rollForwardBalanceRate cureRate cureBalanceRate paidOffRate paidOffBalanceRate }
    pooled { from to accounts balance accountRate balanceRate } } }`;
const AGENTS = `query AgentPerformance($from: String!, $to: String!, $team: String, $limit: Int, $offset: Int) {
  agentPerformance(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {
    total rows { agentId agentName team attempts rpcs rpcRate promises promiseRate keptRate
      amountCollected casesWorked talkSeconds collectedPerTalkHour violations } } }`;
const STRATEGY = `query StrategyComparison($experiment: String!, $from: String!, $to: String!, $cureWithinDays: Int, $confidence: Float) {
  strategyComparison(experiment: $experiment, from: $from, to: $to, cureWithinDays: $cureWithinDays, confidence: $confidence) {
    experiment champion cureWithinDays verdict
    arms { strategy cases matureCases cured cureRate cureRateCI { low high } recoveryRate recoveryRateCI { low high }
      costPerCase netRecoveryPerCase liftVsChampion relativeLift pValue significant } } }`;

const body = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

export async function mixRequests(base: string, key: string): Promise<Mix> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: body('{ asOf { date } dimensions { experiments } }', {}),
  });
  const json = (await res.json()) as {
    data?: { asOf: { date: string | null }; dimensions: { experiments: string[] } };
  };
  const asOf = json.data?.asOf.date;
  if (!asOf) throw new Error(`the API has no data: ${JSON.stringify(json)}`);
  const month = asOf.slice(0, 7);
  const from = `${addMonths(month, -2)}-01`;
  const last = addMonths(month, -1);
  const experiment = json.data?.dimensions.experiments[0] ?? 'none';
  return [
    body(KPIS, { from, to: asOf, filter: null }),
    body(ROLL, { fromMonth: addMonths(month, -12), toMonth: last, filter: null }),
    body(AGENTS, { from: `${last}-01`, to: lastDay(last), limit: 1000, offset: 0 }),
    body(STRATEGY, { experiment, from, to: asOf, cureWithinDays: 30, confidence: 0.95 }),
  ];
}

/**
 * `aliases` kpis of one to two years, each window starting on a random day of 2024
 * and lasting a random number of days (about 220 000 windows), so that the answer
 * cache, keyed by arguments, almost never answers one.
 */
export function noisyBody(aliases: number): string {
  const fields = Array.from({ length: aliases }, (_, i) => {
    const start = new Date(Date.UTC(2024, 0, 1 + Math.floor(Math.random() * 600)));
    const days = 365 + Math.floor(Math.random() * 366);
    const end = new Date(start.getTime() + days * 86_400_000);
    const d = (x: Date) => x.toISOString().slice(0, 10);
    return `k${i}: kpis(from: "${d(start)}", to: "${d(end)}") { kpis { name value } }`;
  });
  return JSON.stringify({ query: `{ ${fields.join(' ')} }` });
}
