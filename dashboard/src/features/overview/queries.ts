import { graphql } from '../../gql/gql.ts';

export const KpisQuery = graphql(`
  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {
    kpis(from: $from, to: $to, filter: $filter) {
      from
      to
      asOf
      kpis {
        name
        value
        previous
      }
    }
  }
`);
