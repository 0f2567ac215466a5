import { graphql } from '../../gql/gql.ts';

export const RollRatesQuery = graphql(`
  query RollRates($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
      months {
        month
        unobserved
        unobservedBalance
        flows {
          bucket
          accounts
          balance
          unobserved
          rollForwardRate
          rollForwardBalanceRate
          cureRate
          cureBalanceRate
          paidOffRate
          paidOffBalanceRate
        }
        transitions {
          from
          to
          accounts
          balance
          accountRate
          balanceRate
        }
      }
      pooledUnobserved
      pooledFlows {
        bucket
        accounts
        balance
        unobserved
        rollForwardRate
        rollForwardBalanceRate
        cureRate
        cureBalanceRate
        paidOffRate
        paidOffBalanceRate
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
