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
      collected
      cost
      contactRate
      rpcRate
      costPerCollected
    }
  }
`);

export const ComplianceQuery = graphql(`
  query Compliance($from: String!, $to: String!, $team: String) {
    complianceReport(from: $from, to: $to, team: $team) {
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
    $team: String
    $limit: Int!
    $offset: Int!
  ) {
    complianceReport(from: $from, to: $to, team: $team, limit: $limit, offset: $offset) {
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
