import { graphql } from '../../gql/gql.ts';

export const PlansQuery = graphql(`
  query RepaymentPlans($from: String!, $to: String!, $dimensions: [Dimension!]!) {
    repaymentPlans(from: $from, to: $to, dimensions: $dimensions) {
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
        costToCollect
        meanDaysToFirstAction
        medianDaysToFirstAction
      }
      total {
        cases
        legalCost
        recovered
        costToCollect
        meanDaysToFirstAction
        medianDaysToFirstAction
      }
    }
  }
`);
