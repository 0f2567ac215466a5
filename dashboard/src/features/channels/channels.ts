/** Channel and compliance math (docs/metrics/channel-effectiveness.md). */
import { ApiError } from '../../lib/client.ts';

export interface ChannelLike {
  channel: string;
  attempts: number;
  contacts: number;
  rpcs: number;
  promises: number;
  payments: number;
  amountCollected: number;
  cost: number;
  /** The API's rates (contacts / attempts, rpcs / attempts, cost / amount collected). */
  contactRate: number;
  rpcRate: number;
  costToCollect: number | null;
}

export interface ChannelRow extends ChannelLike {
  /** Ratios the API does not return: promises per attempt, cost per attempt and per payment. */
  promiseRate: number;
  costPerAttempt: number | null;
  costPerPayment: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The API's rows and rates, with the ratios the API does not return. */
export function channelRows(channels: readonly ChannelLike[]): ChannelRow[] {
  return channels.map((c) => ({
    ...c,
    promiseRate: ratio(c.promises, c.attempts) ?? 0,
    costPerAttempt: ratio(c.cost, c.attempts),
    costPerPayment: ratio(c.cost, c.payments),
  }));
}

/** complianceReport's filter for the page's team (its `team` argument is deprecated); null: all teams. */
export function teamFilter(team: string | null): { teams: string[] } | null {
  return team ? { teams: [team] } : null;
}

export const RULE_LABELS: Record<string, string> = {
  OUTSIDE_HOURS: 'Outside hours',
  DAILY_LIMIT: 'Over daily limit',
  WEEKLY_LIMIT: 'Over 7-day limit',
};

export const ruleLabel = (r: string) => RULE_LABELS[r] ?? r.toLowerCase().replace(/_/g, ' ');

/** The offending-attempts list is analyst-only: a viewer gets FORBIDDEN, shown as a note. */
export function isForbidden(e: unknown): boolean {
  return e instanceof ApiError && e.kind === 'forbidden';
}
