import { graphql } from '../../gql/gql.ts';

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
        ...Evaluation
      }
      baseline {
        ...Evaluation
      }
    }
  }

  fragment Evaluation on ModelEvaluation {
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
