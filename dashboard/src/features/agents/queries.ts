import { graphql } from '../../gql/gql.ts';

export const AgentPerformanceQuery = graphql(`
  query AgentPerformance(
    $from: String!
    $to: String!
    $filter: PortfolioFilter
    $limit: Int
    $offset: Int
  ) {
    agentPerformance(from: $from, to: $to, filter: $filter, limit: $limit, offset: $offset) {
      total
      rows {
        agentId
        agentName
        team
        attempts
        rpcs
        rpcRate
        promises
        promiseRate
        keptRate
        amountCollected
        casesWorked
        talkSeconds
        collectedPerTalkHour
        violations
      }
    }
  }
`);

export const TeamPerformanceQuery = graphql(`
  query TeamPerformance($from: String!, $to: String!) {
    teamPerformance(from: $from, to: $to) {
      team
      agents
      attempts
      rpcs
      rpcRate
      promises
      promiseRate
      keptRate
      amountCollected
      casesWorked
      talkSeconds
      collectedPerTalkHour
      violations
    }
  }
`);
