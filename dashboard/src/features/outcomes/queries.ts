import { graphql } from '../../gql/gql.ts';

export const CaseOutcomesQuery = graphql(`
  query CaseOutcomes($from: String!, $to: String!, $groupBy: [String!], $filter: PortfolioFilter) {
    caseOutcomes(from: $from, to: $to, groupBy: $groupBy, filter: $filter) {
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
