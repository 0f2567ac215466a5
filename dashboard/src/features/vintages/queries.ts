import { graphql } from '../../gql/gql.ts';

export const VintagesQuery = graphql(`
  query Vintages($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
    vintages(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
      vintage
      accounts
      points {
        month
        monthsOnBook
        ever30
        ever60
        ever90
      }
    }
  }
`);
