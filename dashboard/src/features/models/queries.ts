import { graphql } from '../../gql/gql.ts';

// The evaluation fields are spelt out twice rather than in a fragment: the API's
// depth limit (MAX_QUERY_DEPTH 6) counts a fragment spread as a level.
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
      baseline {
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
    }
  }
`);
