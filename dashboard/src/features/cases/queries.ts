import { graphql } from '../../gql/gql.ts';

export const CasesQuery = graphql(`
  query Cases($filter: CaseFilter, $limit: Int!, $offset: Int!) {
    cases(filter: $filter, limit: $limit, offset: $offset) {
      total
      rows {
        caseId
        accountMasked
        openedAt
        strategy
        segment
        entryDpd
        entryBucket
        entryBalance
        agentId
        agentName
        team
        closed
        closedAt
        outcome
        paid
      }
    }
  }
`);

export const CaseTimelineQuery = graphql(`
  query CaseTimeline($caseId: String!) {
    caseTimeline(caseId: $caseId) {
      caseId
      summary {
        caseId
        accountMasked
        openedAt
        strategy
        experiment
        armRole
        segment
        entryDpd
        entryBucket
        entryBalance
        agentId
        agentName
        team
        closed
        closedAt
        outcome
        paid
      }
      events {
        type
        eventId
        occurredAt
        agentId
        channel
        outcome
        amount
        detail
      }
    }
  }
`);

export const CaseDimensionsQuery = graphql(`
  query CaseDimensions {
    dimensions {
      strategies
      segments
      teams
    }
  }
`);
