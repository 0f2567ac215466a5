/**
 * The one palette: every chart takes its colours from here, so a series means
 * the same colour on every page (collected = green, cost and roll-forward = red,
 * counts and volumes = blue) and every bucket has its own colour. Also the
 * axis domain for rates, shared by every rate chart.
 */
import type { Bucket } from '../gql/graphql.ts';

/** Named roles. */
export const COLOUR = {
  /** Good news, money in: collected, cured, kept. */
  good: '#1b7f3b',
  /** Bad news, money out: cost, delinquency, roll-forward, charge-offs. */
  bad: '#c8442f',
  /** Volumes and neutral series: attempts, cases, paid off. */
  neutral: '#2f6db5',
  /** A third series beside good and neutral (promises). */
  accent: '#e0a02c',
  /** Reference arms and champions. */
  muted: '#6b6b6b',
  ink: '#1a1a1a',
} as const;

/** Categorical series (vintages, cohorts, flows), distinguishable in a legend. */
export const SERIES = [
  '#2f6db5',
  '#c8442f',
  '#1b7f3b',
  '#8a5cc2',
  '#e0a02c',
  '#2a9d9f',
  '#b5487c',
  '#6b6b6b',
] as const;

export function seriesColour(i: number): string {
  return SERIES[i % SERIES.length]!;
}

/**
 * One colour per bucket: current in green, the delinquent buckets from amber to
 * deep red as they age, charged off near black, closed (paid off) in blue-grey.
 */
export const BUCKET_COLOUR: Readonly<Record<Bucket, string>> = {
  M0: '#2e9d55',
  M1: '#f2c94c',
  M2: '#f2994a',
  M3: '#e8703a',
  M4: '#d9502f',
  M5: '#c0392b',
  M6: '#962d22',
  M7_PLUS: '#6e1f17',
  CHARGED_OFF: '#2b2b2b',
  CLOSED: '#8fa3b8',
};

/** Dash pattern of a line segment or outline that is "to date" (an incomplete month). */
export const PARTIAL_DASH = '5 4';

/**
 * Y domain of a rate axis: from 0 to the next 10 % step above the data, capped at
 * 100 % unless a value is above 1 (then the data's own ceiling).
 */
export function rateDomain(values: readonly (number | null | undefined)[]): [number, number] {
  const max = Math.max(0, ...values.filter((v): v is number => typeof v === 'number'));
  if (max === 0) return [0, 0.1];
  const top = Math.ceil(max * 10 - 1e-9) / 10;
  return [0, max > 1 ? top : Math.min(1, top)];
}
