import { graphql } from '../../gql/gql.ts';

export const KpisQuery = graphql(`
  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {
    kpis(from: $from, to: $to, filter: $filter) {
      from
      to
      previousFrom
      previousTo
      yearAgoTo
      asOf
      partial
      currency
      kpis {
        name
        value
        previous
        yearAgo
      }
    }
  }
`);

/**
 * The overview's 13-month trend in ONE request: every KPI by month from the
 * semantic layer (m0 = the same month a year earlier … the month of `to`), each
 * rate with its numerator and denominator for "what changed" (trend.ts TREND_MEASURES).
 */
export const OverviewTrendQuery = graphql(`
  query OverviewTrend(
    $from: String!
    $to: String!
    $measures: [Measure!]!
    $filter: PortfolioFilter
  ) {
    explore(from: $from, to: $to, grain: MONTH, measures: $measures, filter: $filter) {
      rows {
        period
        suppressed
        values {
          measure
          value
          numerator
          denominator
        }
      }
    }
  }
`);
