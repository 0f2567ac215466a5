import { graphql } from '../../gql/gql.ts';

export const ChannelsQuery = graphql(`
  query ChannelEffectiveness($from: String!, $to: String!, $filter: PortfolioFilter) {
    channelEffectiveness(from: $from, to: $to, filter: $filter) {
      channel
      attempts
      contacts
      rpcs
      promises
      payments
      amountCollected
      cost
      contactRate
      rpcRate
      costToCollect
    }
  }
`);

export const ComplianceQuery = graphql(`
  query Compliance($from: String!, $to: String!, $filter: PortfolioFilter) {
    complianceReport(from: $from, to: $to, filter: $filter) {
      voiceAttempts
      violations
      violationRate
      outsideHours
      overDailyLimit
      overWeeklyLimit
      thresholds {
        startHour
        endHour
        maxPerDay
        maxPer7Days
      }
      teams {
        team
        voiceAttempts
        violations
        violationRate
        outsideHours
        overDailyLimit
        overWeeklyLimit
      }
      agents {
        agentId
        agentName
        team
        voiceAttempts
        violations
        violationRate
        outsideHours
        overDailyLimit
        overWeeklyLimit
      }
    }
  }
`);

export const OffendingQuery = graphql(`
  query OffendingAttempts(
    $from: String!
    $to: String!
    $filter: PortfolioFilter
    $limit: Int!
    $offset: Int!
  ) {
    complianceReport(from: $from, to: $to, filter: $filter, limit: $limit, offset: $offset) {
      offendingAttempts {
        total
        rows {
          eventId
          caseId
          agentId
          team
          channel
          occurredAt
          localTime
          attemptOfDay
          attemptsIn7Days
          rules
        }
      }
    }
  }
`);
