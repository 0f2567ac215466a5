import { graphql } from '../../gql/gql.ts';

export const PlansQuery = graphql(`
  query RepaymentPlans($from: String!, $to: String!, $groupBy: [String!]!) {
    repaymentPlans(from: $from, to: $to, groupBy: $groupBy) {
      key
      plans
      onTrack
      onTrackRate
      closedPlans
      completed
      completionRate
      totalAmount
      dueSoFar
      paid
    }
  }
`);

export const LegalQuery = graphql(`
  query LegalPipeline($from: String!, $to: String!) {
    legalPipeline(from: $from, to: $to) {
      stages {
        stage
        cases
        legalCost
        recovered
        recoveredPerCost
        meanDaysToFirstAction
        medianDaysToFirstAction
      }
      total {
        cases
        legalCost
        recovered
        recoveredPerCost
        meanDaysToFirstAction
        medianDaysToFirstAction
      }
    }
  }
`);
