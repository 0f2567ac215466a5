import { graphql } from '../../gql/gql.ts';

export const LossForecastQuery = graphql(`
  query LossForecast($months: Int!, $lookbackMonths: Int!, $filter: PortfolioFilter) {
    lossForecast(months: $months, lookbackMonths: $lookbackMonths, filter: $filter) {
      baseMonth
      lookbackFrom
      lookbackTo
      expectedChargeOffs
      expectedChargeOffBalance
      unobservedBuckets
      start {
        bucket
        accounts
        balance
      }
      months {
        month
        chargeOffs
        chargeOffBalance
        buckets {
          bucket
          accounts
          balance
        }
      }
    }
  }
`);
