/**
 * Explore's attempts by channel from `channel_daily` (docs/metrics/explore.md): per UTC
 * day, channel and the case's account dimensions, the sums kpi_daily holds without the
 * channel (the rpc_rate rule of sql/contact.ts, applied when the table is written).
 * A UTC day is a local day only when REPORT_TZ is UTC; agents, teams and local times
 * are not in the table: those requests read every attempt (explore.sql-contact.ts).
 */
import {
  agentColumnsSql,
  andSql,
  type FilterSql,
  type PortfolioFilter,
} from '../../filters/portfolio-filter.ts';
import { Dimension, Measure } from './explore.catalog.ts';
import type { FactSql } from './explore.sql.ts';

/** The dimensions channel_daily carries. */
const CHANNEL_DAILY_DIMENSIONS: readonly Dimension[] = [
  Dimension.CHANNEL,
  Dimension.PORTFOLIO,
  Dimension.PRODUCT,
  Dimension.REGION,
  Dimension.RISK_GRADE,
];

/**
 * The contacts fact from channel_daily, or null when the request needs what it lacks
 * or does not ask for a channel (kpi_daily, smaller, serves it then). `accountFilter`:
 * the filter on has_opened and the account dimensions (explore.sql.ts); `period`: the
 * UTC days' condition on `day`.
 */
export function channelDailyFactSql(args: {
  readonly dimensions: readonly Dimension[];
  readonly filter?: PortfolioFilter | null;
  readonly tz: string;
  readonly accountFilter: FilterSql;
  readonly period: string;
}): FactSql | null {
  const byChannel =
    args.dimensions.includes(Dimension.CHANNEL) || (args.filter?.channels?.length ?? 0) > 0;
  if (
    args.tz !== 'UTC' ||
    !byChannel ||
    (args.filter?.agents?.length ?? 0) > 0 ||
    (args.filter?.teams?.length ?? 0) > 0 ||
    !args.dimensions.every((d) => CHANNEL_DAILY_DIMENSIONS.includes(d))
  )
    return null;
  return {
    source: `(SELECT day, channel AS f_channel, has_opened, portfolio, product, region, risk_grade,
        attempts, rpcs, contact_cost FROM channel_daily)`,
    period: args.period,
    time: "toDateTime64(day, 3, 'UTC')",
    filter: andSql(
      args.accountFilter,
      agentColumnsSql(args.filter, { channel: 'f_channel' }, 'eg'),
    ),
    cases: '0',
    measures: {
      [Measure.ATTEMPTS]: 'toInt64(sum(attempts))',
      [Measure.RPCS]: 'toInt64(sum(rpcs))',
      [Measure.CONTACT_COST]: 'toFloat64(sum(contact_cost))',
    },
  };
}
