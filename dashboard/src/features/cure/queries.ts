import { graphql } from '../../gql/gql.ts';

export const CureCurveQuery = graphql(`
  query CureCurve(
    $from: String!
    $to: String!
    $cohortBy: CureCohortBy!
    $maxDays: Int!
    $filter: PortfolioFilter
  ) {
    cureCurve(from: $from, to: $to, cohortBy: $cohortBy, maxDays: $maxDays, filter: $filter) {
      cohortBy
      maxDays
      cohorts {
        cohort
        cases
        points {
          days
          cured
          matureCases
          immatureCases
          cureRate
        }
      }
    }
  }
`);

export const BucketCureQuery = graphql(`
  query BucketCure($fromMonth: String!, $toMonth: String!, $filter: PortfolioFilter) {
    rollRates(fromMonth: $fromMonth, toMonth: $toMonth, filter: $filter) {
      pooledFlows {
        bucket
        accounts
        cureRate
      }
    }
  }
`);

export const RelapseQuery = graphql(`
  query PostCureRelapse($from: String!, $to: String!, $filter: PortfolioFilter) {
    postCureRelapse(from: $from, to: $to, filter: $filter) {
      windowDays
      months {
        month
        cured
        matureCured
        immatureCured
        relapsed
        immatureRelapsed
        relapseRate
      }
      total {
        month
        cured
        matureCured
        immatureCured
        relapsed
        immatureRelapsed
        relapseRate
      }
    }
  }
`);
