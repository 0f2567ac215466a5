import { graphql } from '../../gql/gql.ts';

export const RollRatesQuery = graphql(`
  query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
      months {
        month
        unobserved
        transitions {
          from
          to
          accounts
          balance
          accountRate
          balanceRate
        }
      }
      pooled {
        from
        to
        accounts
        balance
        accountRate
        balanceRate
      }
    }
  }
`);
