import { graphql } from '../../gql/gql.ts';

/**
 * The cure runs, newest first: whether there is a queue at all, which run ranks
 * it (the newest published) and whether a newer one was refused. One run per
 * training, so a hundred reach back far enough.
 */
export const QueueModelQuery = graphql(`
  query QueueModel {
    modelRuns(target: "cure_30d", limit: 100) {
      runId
      trainedAt
      cutoff
      published
      verdict
    }
  }
`);

export const WorkQueueQuery = graphql(`
  query WorkQueue($filter: WorkQueueFilter, $limit: Int, $offset: Int) {
    workQueue(filter: $filter, limit: $limit, offset: $offset) {
      runId
      scoredAt
      total
      rows {
        caseId
        score
        balance
        expectedRecovery
        expectedCost
        priority
        bucket
        segment
        strategy
        agentId
        team
      }
    }
  }
`);

/** The pickers' values: teams, agents and segments the API knows. */
export const QueueDimensionsQuery = graphql(`
  query QueueDimensions {
    dimensions {
      teams
      segments
      agents {
        agentId
        name
      }
    }
  }
`);
