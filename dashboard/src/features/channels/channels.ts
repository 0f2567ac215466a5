/** Channel and compliance math (docs/metrics/channel-effectiveness.md). */
import { ApiError } from '../../lib/client.ts';

export interface ChannelLike {
  channel: string;
  attempts: number;
  contacts: number;
  rpcs: number;
  promises: number;
  payments: number;
  collected: number;
  cost: number;
}

export interface ChannelRow extends ChannelLike {
  contactRate: number;
  rpcRate: number;
  promiseRate: number;
  /** Cost per attempt and per credited payment; null when there is none. */
  costPerAttempt: number | null;
  costPerPayment: number | null;
  costPerCollected: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Rates recomputed from the counts, so the chart and the CSV agree with each other. */
export function channelRows(channels: readonly ChannelLike[]): ChannelRow[] {
  return channels.map((c) => ({
    ...c,
    contactRate: ratio(c.contacts, c.attempts) ?? 0,
    rpcRate: ratio(c.rpcs, c.attempts) ?? 0,
    promiseRate: ratio(c.promises, c.attempts) ?? 0,
    costPerAttempt: ratio(c.cost, c.attempts),
    costPerPayment: ratio(c.cost, c.payments),
    costPerCollected: ratio(c.cost, c.collected),
  }));
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
