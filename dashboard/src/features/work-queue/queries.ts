import { graphql } from '../../gql/gql.ts';

/**
 * The newest cure run and the newest published one (docs/models.md "Work queue"):
 * whether there is a queue at all, which run ranks it and whether a newer one was
 * refused. The published run is asked for by itself, so any number of refused
 * trainings after it does not hide it.
 */
export const QueueModelQuery = graphql(`
  query QueueModel {
    newest: modelRuns(target: "cure_30d", limit: 1) {
      runId
      trainedAt
      cutoff
      published
      verdict
    }
    published: modelRuns(target: "cure_30d", limit: 1, publishedOnly: true) {
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
