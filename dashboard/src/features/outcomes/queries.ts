import { graphql } from '../../gql/gql.ts';

export const CaseOutcomesQuery = graphql(`
  query CaseOutcomes($from: String!, $to: String!, $groupBy: [String!]) {
    caseOutcomes(from: $from, to: $to, groupBy: $groupBy) {
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
