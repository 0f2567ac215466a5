import { graphql } from '../../gql/gql.ts';

export const StrategyComparisonQuery = graphql(`
  query StrategyComparison(
    $experiment: String!
    $from: String!
    $to: String!
    $cureWithinDays: Int
    $confidence: Float
  ) {
    strategyComparison(
      experiment: $experiment
      from: $from
      to: $to
      cureWithinDays: $cureWithinDays
      confidence: $confidence
    ) {
      experiment
      champion
      cureWithinDays
      verdict
      arms {
        strategy
        cases
        matureCases
        cured
        cureRate
        cureRateCI {
          low
          high
        }
        recoveryRate
        recoveryRateCI {
          low
          high
        }
        costPerCase
        netRecoveryPerCase
        liftVsChampion
        relativeLift
        pValue
        significant
      }
    }
  }
`);

/** Every experiment of the data, latest first, with its arms, dates and verdict over its whole run. */
export const ExperimentsQuery = graphql(`
  query Experiments {
    experiments {
      name
      firstDay
      lastDay
      cases
      champion
      verdict
      cureWithinDays
      arms {
        strategy
        cases
        champion
      }
    }
  }
`);
