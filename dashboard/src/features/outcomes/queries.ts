import { graphql } from '../../gql/gql.ts';

export const CaseOutcomesQuery = graphql(`
  query CaseOutcomes(
    $from: String!
    $to: String!
    $dimensions: [Dimension!]
    $filter: PortfolioFilter
  ) {
    caseOutcomes(from: $from, to: $to, dimensions: $dimensions, filter: $filter) {
      key
      cases
      outcomes {
        outcome
        cases
        share
      }
      meanDaysToClose
      medianDaysToClose
      recovered
      recoveryRate
    }
  }
`);
