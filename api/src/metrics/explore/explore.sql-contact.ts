/**
 * Explore's SQL for the contact-side facts (docs/metrics/explore.md "Contact,
 * agent and experiment measures"), each over the source of the named metric
 * that defines it, the cheapest one that holds everything asked:
 * - contacts: agent_day by team or agent (as agentPerformance), kpi_daily by account
 *   dimensions (as kpis), voice_attempts when the filter keeps voice channels only
 *   (as contactWindows: sorted by time, local time stored), else contact_attempt
 *   (as channelEffectiveness);
 * - voice: compliance's rule fragment over voice_attempts (COMPLIANCE_ATTEMPTS_SQL,
 *   as complianceReport);
 * - credited_payments: payment_facts credited to an attempt of the period
 *   (CREDITED_SQL, as channelEffectiveness);
 * - payments and promises by agent: payment_facts' holder (ATTRIBUTED_PAYMENTS_SQL)
 *   and promise_facts' agent (PROMISES_SQL), as agentPerformance.
 * explore.sql.ts passes in what it derived from the request (FactContext).
 */
import { VOICE_CHANNELS } from '@collections/schema';
import { andSql, type FilterSql } from '../../filters/portfolio-filter.ts';
import { CURE_DAYS_30, withinDaysSumSql } from '../../sql/cases.ts';
import { COMPLIANCE_ATTEMPTS_SQL } from '../../sql/compliance.ts';
import { isContactSql, isRpcSql } from '../../sql/contact.ts';
import { COST_SUM_SQL } from '../../sql/costs.ts';
import { inPeriodSql } from '../../sql/period.ts';
import { ATTRIBUTED_PAYMENTS_SQL } from '../../sql/payments.ts';
import {
  PROMISE_BROKEN_SQL,
  PROMISE_KEPT_SQL,
  PROMISE_MATURED_SQL,
  PROMISES_SQL,
} from '../../sql/promises.ts';
import { CREDITED_SQL } from '../channels/channels.sql.ts';
import { Dimension, Measure } from './explore.catalog.ts';
import type { FactArgs, FactSql } from './explore.sql.ts';
import { agentDailySql, agentTeamJoinSql } from './explore.sources.ts';
import { channelDailyFactSql } from './explore.sql-channel.ts';

/** What explore.sql.ts derived from the request. */
export interface FactContext {
  readonly args: FactArgs;
  /** The filter's account fields on kpi_daily, case_dims or account_dims columns. */
  readonly accountFilter: FilterSql;
  /** The filter's case fields on case_outcome_facts columns. */
  readonly caseFilter: FilterSql;
  /** The filter's teams, agents and channels on g_team, g_agent, f_channel. */
  readonly agents: FilterSql;
  /** Sliced or filtered by team or agent. */
  readonly byAgent: boolean;
  /** REPORT_TZ is UTC and nothing needs each attempt: kpi_daily serves. */
  readonly utc: boolean;
  /** Sliced by the local hour or weekday. */
  readonly local: boolean;
  readonly needsCases: boolean;
  readonly needsAccounts: boolean;
  /** A fact joined to its case's dimensions by f_case (explore.sql.ts). */
  readonly joinedToCases: (facts: string, needed: boolean, join?: string) => string;
  /** The row's distinct cases, for small cells (explore.sql.ts). */
  readonly distinctCases: (column: string) => string;
}

/** kpi_daily's UTC days of the period: the local days when REPORT_TZ is UTC. */
export const KPI_DAILY_PERIOD = 'day >= {from:Date32} AND day <= {to:Date32}';
const UTC_DAY = "toDateTime64(day, 3, 'UTC')";
/** Attempts of an agent (not automated) on a call: talk time, as agent_day's talk_seconds. */
const TALK_SQL = `toInt64(sumIf(duration_s, f_channel = 'call' AND g_agent != ''))`;
const ATTEMPT_MEASURES = (outcome: string) => ({
  [Measure.ATTEMPTS]: 'toInt64(count())',
  [Measure.RPCS]: `toInt64(countIf(${isRpcSql(outcome)}))`,
  [Measure.CONTACTS]: `toInt64(countIf(${isContactSql(outcome)}))`,
  [Measure.PROMISE_ATTEMPTS]: `toInt64(countIf(${outcome} = 'promise_to_pay'))`,
});

/** The account dimensions of an attempt's case (case_dims), and its account's offset when sliced by local time. */
function caseAccountJoins(c: FactContext, offset: boolean): string {
  return `${c.needsAccounts || offset ? 'LEFT JOIN (SELECT case_id, account_id AS c_account, has_opened, portfolio, product, region, risk_grade FROM case_dims) AS c ON c.case_id = f.f_case' : ''}
    ${offset ? 'LEFT JOIN (SELECT account_id AS o_account, utc_offset_minutes AS o_offset, toUInt8(1) AS o_known FROM account_dims WHERE has_opened) AS o ON o.o_account = c.c_account' : ''}`;
}

/** Contact attempts: the first source below that holds every measure asked. */
export function contactsFactSql(c: FactContext): FactSql {
  const { args } = c;
  const has = (path: readonly Measure[]) => args.measures.every((m) => path.includes(m));
  const channels = args.filter?.channels ?? [];
  // by team or agent, as agentPerformance: agent_day (UTC days) unless something needs each attempt
  if (
    args.tz === 'UTC' &&
    c.byAgent &&
    args.dimensions.every((d) => d === Dimension.TEAM || d === Dimension.AGENT) &&
    c.accountFilter.condition === '1' &&
    channels.length === 0 &&
    has([Measure.ATTEMPTS, Measure.RPCS, Measure.TALK_SECONDS])
  )
    return {
      source: `${agentDailySql(KPI_DAILY_PERIOD)} ${agentTeamJoinSql('f.g_agent')}`,
      period: '1',
      time: UTC_DAY,
      filter: c.agents,
      cases: '0',
      measures: {
        [Measure.ATTEMPTS]: 'toInt64(sum(a))',
        [Measure.RPCS]: 'toInt64(sum(r))',
        [Measure.TALK_SECONDS]: 'toInt64(sum(t))',
      },
    };
  // by channel: channel_daily (UTC days) unless something needs each attempt
  if (has([Measure.ATTEMPTS, Measure.RPCS, Measure.CONTACT_COST])) {
    const byChannel = channelDailyFactSql({
      ...args,
      accountFilter: c.accountFilter,
      period: KPI_DAILY_PERIOD,
    });
    if (byChannel) return byChannel;
  }
  if (c.utc && has([Measure.ATTEMPTS, Measure.RPCS, Measure.CONTACT_COST]))
    return {
      source: 'kpi_daily',
      period: KPI_DAILY_PERIOD,
      time: UTC_DAY,
      filter: c.accountFilter,
      cases: '0',
      measures: {
        [Measure.ATTEMPTS]: 'toInt64(sum(attempts))',
        [Measure.RPCS]: 'toInt64(sum(rpcs))',
        [Measure.CONTACT_COST]: 'toFloat64(sum(contact_cost))',
      },
    };
  // voice channels only, as contactWindows: voice_attempts, its local time stored
  const voice = channels.length > 0 && channels.every((ch) => VOICE_CHANNELS.includes(ch as never));
  if (voice && has(Object.keys(ATTEMPT_MEASURES('')) as Measure[]))
    return {
      source: `(SELECT case_id AS f_case, occurred_at AS f_at, outcome AS f_outcome, channel AS f_channel,
            agent_id AS g_agent, utc_offset_minutes AS o_offset, toUInt8(1) AS o_known
          FROM voice_attempts WHERE ${inPeriodSql('occurred_at')}) AS f
        ${c.byAgent ? agentTeamJoinSql('f.g_agent') : ''}
        ${caseAccountJoins(c, false)}`,
      period: '1',
      time: 'f_at',
      filter: andSql(c.accountFilter, c.agents),
      cases: '0',
      measures: ATTEMPT_MEASURES('f_outcome'),
    };
  return {
    source: `(SELECT case_id AS f_case, occurred_at AS f_at, outcome AS f_outcome, cost, channel AS f_channel,
          agent_id AS g_agent, duration_s
        FROM contact_attempt WHERE ${inPeriodSql('occurred_at')}) AS f
      ${c.byAgent ? agentTeamJoinSql('f.g_agent') : ''}
      ${caseAccountJoins(c, c.local)}`,
    period: '1',
    time: 'f_at',
    filter: andSql(c.accountFilter, c.agents),
    cases: '0',
    measures: {
      ...ATTEMPT_MEASURES('f_outcome'),
      [Measure.CONTACT_COST]: COST_SUM_SQL,
      [Measure.TALK_SECONDS]: TALK_SQL,
    },
  };
}

/** Voice attempts of the period with compliance's rule flags (thresholds from the configuration). */
export function voiceFactSql(c: FactContext): FactSql {
  return {
    source: `(SELECT case_id AS f_case, occurred_at AS f_at, channel AS f_channel, agent_id AS g_agent,
          utc_offset_minutes AS o_offset, toUInt8(1) AS o_known,
          off_hours, over_daily, over_weekly, is_violation
        FROM ${COMPLIANCE_ATTEMPTS_SQL} WHERE in_period) AS f
      ${c.byAgent ? agentTeamJoinSql('f.g_agent') : ''}`,
    period: '1',
    time: 'f_at',
    filter: c.agents,
    cases: '0',
    measures: {
      [Measure.VOICE_ATTEMPTS]: 'toInt64(count())',
      [Measure.VIOLATIONS]: 'toInt64(countIf(is_violation))',
      [Measure.OUTSIDE_HOURS]: 'toInt64(countIf(off_hours))',
      [Measure.OVER_DAILY_LIMIT]: 'toInt64(countIf(over_daily))',
      [Measure.OVER_WEEKLY_LIMIT]: 'toInt64(countIf(over_weekly))',
    },
    params: c.args.compliance,
  };
}

/** Payments credited to an attempt of the period, at that attempt's time and channel. */
export function creditedFactSql(c: FactContext): FactSql {
  return {
    source: c.joinedToCases(
      `SELECT case_id AS f_case, attempt_at AS f_at, attempt_channel AS f_channel, amount
       FROM payment_facts WHERE ${CREDITED_SQL}`,
      c.needsCases,
    ),
    period: '1',
    time: 'f_at',
    filter: andSql(c.caseFilter, c.agents),
    cases: c.distinctCases('f_case'),
    measures: {
      [Measure.CREDITED_PAYMENTS]: 'toInt64(count())',
      [Measure.CREDITED_AMOUNT]: 'toFloat64(sum(amount))',
    },
  };
}

/** Payments by the agent they are attributed to (the case's holder), as agentPerformance. */
export function agentPaymentsFactSql(c: FactContext): FactSql {
  return {
    source: `(SELECT account_id AS f_account, occurred_at AS f_at, amount, agent_id AS g_agent
        FROM ${ATTRIBUTED_PAYMENTS_SQL} WHERE ${inPeriodSql('occurred_at')}) AS f
      ${agentTeamJoinSql('f.g_agent')}
      ${c.needsAccounts ? 'LEFT JOIN (SELECT account_id, has_opened, portfolio, product, region, risk_grade FROM account_dims) AS d ON d.account_id = f.f_account' : ''}`,
    period: '1',
    time: 'f_at',
    filter: andSql(c.accountFilter, c.agents),
    cases: '0',
    measures: { [Measure.AMOUNT_COLLECTED]: 'toFloat64(sum(amount))' },
  };
}

/** Promises by the agent who took them (promise_facts), as agentPerformance. */
export function agentPromisesFactSql(c: FactContext): FactSql {
  return {
    source: c.joinedToCases(
      `SELECT case_id AS f_case, made_at AS f_at, agent_id AS g_agent, status
       FROM ${PROMISES_SQL} WHERE ${inPeriodSql('made_at')}`,
      c.needsCases,
      agentTeamJoinSql('f.g_agent'),
    ),
    period: '1',
    time: 'f_at',
    filter: andSql(c.caseFilter, c.agents),
    cases: c.distinctCases('f_case'),
    measures: {
      [Measure.PROMISES]: 'toInt64(count())',
      [Measure.MATURED_PROMISES]: `toInt64(countIf(${PROMISE_MATURED_SQL}))`,
      [Measure.KEPT_PROMISES]: `toInt64(countIf(${PROMISE_KEPT_SQL}))`,
      [Measure.BROKEN_PROMISES]: `toInt64(countIf(${PROMISE_BROKEN_SQL}))`,
    },
  };
}

/** strategyComparison's 30-day sums over mature cases, on case_outcome_facts columns. */
export function openedCases30dMeasures(mature: string): Partial<Record<Measure, string>> {
  const within = (offsets: string, amounts: string) =>
    withinDaysSumSql(CURE_DAYS_30, offsets, amounts);
  return {
    [Measure.RECOVERED_30D]: `toFloat64(sumIf(${within('pay_days', 'pay_amounts')}, ${mature}))`,
    [Measure.MATURE_ENTRY_BALANCE_30D]: `toFloat64(sumIf(toFloat64(entry_balance), ${mature}))`,
    [Measure.CONTACT_COST_30D]: `toFloat64(sumIf(${within('cost_days', 'cost_amounts')}, ${mature}))`,
  };
}
