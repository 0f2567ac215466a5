/**
 * Test support (explore.equality.ts): how the contact-side named metrics are
 * compared with explore — how each groups its figures, the filter fields it
 * honours, its figures per group for a slice, the explore groups it leaves out
 * by definition, and every figure that is not an explore measure, with the
 * reason (explore.compute.test.ts checks that each figure is either claimed by a
 * measure or listed here).
 */
import { VOICE_CHANNELS } from '@collections/schema';
import {
  FILTER_DIMENSIONS,
  type FilterDimension,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import type { TestApi } from '../../testing.ts';
import type { ContactMetric } from './explore.catalog-contact.ts';
import { WEEKDAYS } from './explore.sql.ts';
import { sliceVars, type Figures, type Slice } from './explore.equality-slice.ts';

/** A metric's figures per group: the group is explore's key joined by '|'. */
export type Answers = Map<string, Record<string, number | null>>;

export interface NamedMetric {
  /** How the metric groups its figures, as explore dimensions. */
  readonly groupedBy: readonly string[];
  /** The filter fields it honours. */
  readonly honours: readonly FilterDimension[];
  /** The figures fetch reads. */
  readonly figures: readonly string[];
  /** Its figures that are not explore measures, each with the reason. */
  readonly notMeasures: Readonly<Record<string, string>>;
  fetch(api: TestApi, slice: Slice): Promise<Answers>;
  /** The filter explore gets for the slice, when it is not the slice's. */
  readonly exploreFilter?: (slice: Slice) => PortfolioFilter;
  /** Explore groups the metric leaves out by definition (the reason where declared). */
  readonly omits?: (group: string) => boolean;
}

const byKey = <T extends Figures>(rows: readonly T[], key: (r: T) => string): Answers =>
  new Map(rows.map((r) => [key(r), r]));

const AGENT_FIGURES = [
  'attempts',
  'rpcs',
  'rpcRate',
  'promises',
  'promiseRate',
  'keptRate',
  'amountCollected',
  'casesWorked',
  'talkSeconds',
  'collectedPerTalkHour',
  'violations',
] as const;
const AGENT_NOT_MEASURES = {
  casesWorked:
    'a distinct count of (agent, case) pairs, not additive over days or agents: explore sums its facts per group, and agent_case_days serves whole UTC days only',
  collectedPerTalkHour:
    'amount collected per talk hour, rounded to cents by the metric: a ratio of a currency to a unit conversion of TALK_SECONDS (÷ 3600), not a ratio of two measures',
};
const AGENT_FILTER: readonly FilterDimension[] = ['teams', 'agents'];

export const CONTACT_METRICS: Readonly<Record<ContactMetric, NamedMetric>> = {
  channelEffectiveness: {
    groupedBy: ['CHANNEL'],
    honours: FILTER_DIMENSIONS,
    figures: [
      'attempts',
      'contacts',
      'contactRate',
      'rpcs',
      'rpcRate',
      'promises',
      'payments',
      'collected',
      'amountCollected',
      'cost',
      'costPerCollected',
      'costToCollect',
    ],
    notMeasures: {},
    async fetch(api, slice) {
      const data = await api.data<{ channelEffectiveness: (Figures & { channel: string })[] }>(
        `query($from: String!, $to: String!, $filter: PortfolioFilter) {
          channelEffectiveness(from: $from, to: $to, filter: $filter) {
            channel attempts contacts contactRate rpcs rpcRate promises payments collected
            amountCollected cost costPerCollected costToCollect } }`,
        sliceVars(slice),
      );
      // every channel is listed, zeros without attempts: explore lists groups with data
      return byKey(
        data.channelEffectiveness.filter((c) => c.attempts !== 0),
        (c) => c.channel,
      );
    },
  },
  contactWindows: {
    groupedBy: ['CHANNEL', 'CONTACT_WEEKDAY', 'CONTACT_HOUR'],
    honours: ['channels'],
    figures: ['attempts', 'rpcs', 'rpcRate', 'promises', 'promiseRate'],
    notMeasures: {
      rpcRateCI: 'a Wilson interval: a statistic of the rate, not a count, sum or rate of events',
      promiseRateCI: 'a Wilson interval, likewise',
      byHour: 'the cells summed over the weekdays: the same measures by CHANNEL × CONTACT_HOUR',
      bestWindows: 'a ranking of the cells by the lower end of their interval',
      bestHours: 'a ranking of byHour, likewise',
    },
    // the metric covers the voice channels (all of them without `channels`)
    exploreFilter: (slice) => ({
      ...slice.filter,
      channels: slice.filter?.channels ?? [...VOICE_CHANNELS],
    }),
    async fetch(api, slice) {
      const data = await api.data<{
        contactWindows: { cells: (Figures & { channel: string })[] };
      }>(
        `query($from: String!, $to: String!, $channels: [String!]) {
          contactWindows(from: $from, to: $to, channels: $channels) {
            cells { channel weekday hour attempts rpcs rpcRate promises promiseRate } } }`,
        { from: slice.from, to: slice.to, channels: slice.filter?.channels ?? null },
      );
      return byKey(
        data.contactWindows.cells,
        (c) => `${c.channel}|${WEEKDAYS[Number(c.weekday) - 1]}|${String(c.hour).padStart(2, '0')}`,
      );
    },
  },
  agentPerformance: {
    groupedBy: ['AGENT'],
    honours: AGENT_FILTER,
    figures: AGENT_FIGURES,
    notMeasures: AGENT_NOT_MEASURES,
    // attempts, promises and payments without an agent: the metric lists agents only
    omits: (group) => group === '',
    async fetch(api, slice) {
      const data = await api.data<{
        agentPerformance: { rows: (Figures & { agentId: string })[] };
      }>(
        `query($from: String!, $to: String!, $filter: PortfolioFilter) {
          agentPerformance(from: $from, to: $to, filter: $filter, limit: 1000) {
            rows { agentId ${AGENT_FIGURES.join(' ')} } } }`,
        sliceVars(slice),
      );
      return byKey(data.agentPerformance.rows, (r) => r.agentId);
    },
  },
  teamPerformance: {
    groupedBy: ['TEAM'],
    honours: AGENT_FILTER,
    figures: ['agents', ...AGENT_FIGURES],
    notMeasures: {
      ...AGENT_NOT_MEASURES,
      agents:
        'agents with an attempt, a promise or a payment: a distinct count over three facts, not a sum over one',
    },
    // explore's team '' also holds what has no agent (automated attempts, payments of
    // unassigned cases); the metric's '' holds the unregistered agents only
    omits: (group) => group === '',
    async fetch(api, slice) {
      const data = await api.data<{ teamPerformance: (Figures & { team: string })[] }>(
        `query($from: String!, $to: String!, $filter: PortfolioFilter) {
          teamPerformance(from: $from, to: $to, filter: $filter) {
            team agents ${AGENT_FIGURES.join(' ')} } }`,
        sliceVars(slice),
      );
      return byKey(data.teamPerformance, (r) => r.team);
    },
  },
  complianceReport: {
    groupedBy: ['AGENT'],
    honours: ['teams', 'agents', 'channels'],
    figures: [
      'voiceAttempts',
      'violations',
      'violationRate',
      'outsideHours',
      'overDailyLimit',
      'overWeeklyLimit',
    ],
    notMeasures: {
      'teams, totals':
        'the same figures summed by team and overall: the same measures by TEAM and without a dimension',
      offendingAttempts: 'a list of attempts, not a number',
    },
    async fetch(api, slice) {
      const data = await api.data<{
        complianceReport: { agents: (Figures & { agentId: string })[] };
      }>(
        `query($from: String!, $to: String!, $filter: PortfolioFilter) {
          complianceReport(from: $from, to: $to, filter: $filter) {
            agents { agentId voiceAttempts violations violationRate outsideHours overDailyLimit
              overWeeklyLimit } } }`,
        sliceVars(slice),
      );
      return byKey(data.complianceReport.agents, (r) => r.agentId);
    },
  },
  strategyComparison: {
    groupedBy: ['EXPERIMENT', 'STRATEGY'],
    honours: FILTER_DIMENSIONS,
    figures: [
      'cases',
      'matureCases',
      'cured',
      'cureRate',
      'recoveryRate',
      'costPerCase',
      'netRecoveryPerCase',
    ],
    notMeasures: {
      cureWithinDays:
        'explore’s measures are the default N = 30 (cure_rate_30d); another N is another number',
      netRecoveryPerCase:
        '(recovered − cost) / mature cases: explore has sums and ratios of measures, no differences',
      'cureRateCI, recoveryRateCI': 'intervals: statistics of a rate, not numbers of events',
      'liftVsChampion, relativeLift, pValue, significant, verdict, casesNeededPerArm':
        'comparisons of two arms: statistics, not numbers of events of a group',
    },
    // cases in no experiment: the metric compares the arms of an experiment
    omits: (group) => group.startsWith('|'),
    async fetch(api, slice) {
      const { catalog } = await api.data<{
        catalog: { dimensions: { name: string; values: string[] }[] };
      }>('{ catalog { dimensions { name values } } }');
      const experiments = catalog.dimensions.find((d) => d.name === 'EXPERIMENT')?.values ?? [];
      const answers: Answers = new Map();
      for (const experiment of experiments.filter((e) => e !== '')) {
        const data = await api.data<{
          strategyComparison: { arms: (Figures & { strategy: string })[] };
        }>(
          `query($experiment: String!, $from: String!, $to: String!, $filter: PortfolioFilter) {
            strategyComparison(experiment: $experiment, from: $from, to: $to, filter: $filter) {
              arms { strategy cases matureCases cured cureRate recoveryRate costPerCase
                netRecoveryPerCase } } }`,
          { experiment, ...sliceVars(slice) },
        );
        for (const arm of data.strategyComparison.arms)
          answers.set(`${experiment}|${arm.strategy}`, arm);
      }
      return answers;
    },
  },
};
