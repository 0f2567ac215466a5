import { graphql } from '../../gql/gql.ts';

/** What the page shows of one scorer (model or baseline) on the out-of-time samples. */
export const EvaluationFields = graphql(`
  fragment EvaluationFields on ModelEvaluation {
    cases
    positives
    rate
    auc
    aucCI {
      low
      high
    }
    brier
    deciles {
      decile
      cases
      positives
      observedRate
      observedRateCI {
        low
        high
      }
      meanPredicted
      lift
      cumulativeGain
    }
  }
`);

export const ModelRunsQuery = graphql(`
  query ModelRuns {
    modelRuns(limit: 50) {
      runId
      target
      trainedAt
      cutoff
      asOf
      method
      trainSamples
      testSamples
      published
      verdict
      seconds
      model {
        ...EvaluationFields
      }
      baseline {
        ...EvaluationFields
      }
    }
  }
`);
