/**
 * Which table serves explore's attempts (docs/metrics/explore.md): channel_daily when
 * sliced or filtered by channel in UTC with nothing it lacks; otherwise kpi_daily,
 * agent_day or every attempt, as before. The numbers are explore.int.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import type { PortfolioFilter } from '../../filters/portfolio-filter.ts';
import { Dimension, Measure } from './explore.catalog.ts';
import { factQuery } from './explore.sql.ts';

const source = (dimensions: Dimension[], filter: PortfolioFilter | null = null, tz = 'UTC') => {
  const { query } = factQuery({
    fact: 'contacts',
    measures: [Measure.ATTEMPTS, Measure.RPCS],
    dimensions,
    grain: null,
    filter,
    from: '2026-01-01',
    to: '2026-12-31',
    tz,
    graceDays: 3,
  });
  return ['channel_daily', 'kpi_daily', 'agent_day', 'contact_attempt'].filter((t) =>
    new RegExp(`\\b${t}\\b`).test(query),
  );
};

describe('explore attempts: the table that serves them', () => {
  it('reads channel_daily by channel, with account dimensions or a channel filter', () => {
    expect(source([Dimension.CHANNEL])).toEqual(['channel_daily']);
    expect(source([Dimension.CHANNEL, Dimension.REGION], { riskGrades: ['A'] })).toEqual([
      'channel_daily',
    ]);
    expect(source([Dimension.PORTFOLIO], { channels: ['call'] })).toEqual(['channel_daily']);
  });

  it('keeps kpi_daily without a channel, and every attempt for what channel_daily lacks', () => {
    expect(source([Dimension.REGION])).toEqual(['kpi_daily']);
    expect(source([Dimension.CHANNEL], null, 'Asia/Shanghai')).toEqual(['contact_attempt']);
    expect(source([Dimension.CHANNEL, Dimension.CONTACT_HOUR])).toEqual(['contact_attempt']);
    expect(source([Dimension.CHANNEL], { agents: ['G1'] })).toEqual(['contact_attempt']);
    expect(source([Dimension.TEAM])).toEqual(['kpi_daily', 'agent_day']);
  });
});
