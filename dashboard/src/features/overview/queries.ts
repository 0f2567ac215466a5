import { graphql } from '../../gql/gql.ts';

export const KpisQuery = graphql(`
  query Kpis($from: String!, $to: String!, $filter: PortfolioFilter) {
    kpis(from: $from, to: $to, filter: $filter) {
      from
      to
      previousFrom
      previousTo
      yearAgoTo
      asOf
      partial
      currency
      kpis {
        name
        value
        previous
        yearAgo
      }
    }
  }
`);

/**
 * The overview's 13-month trend in ONE request: one aliased \`kpis\` per month
 * (m0 = the same month a year earlier … m12 = the month of \`to\`): the latest
 * month and the 12 before it that "what changed" compares it with. Fixed at 13
 * so codegen can type it; TREND_MONTHS in trend.ts must match.
 */
export const KpiTrendQuery = graphql(`
  query KpiTrend(
    $filter: PortfolioFilter
    $f0: String!
    $t0: String!
    $f1: String!
    $t1: String!
    $f2: String!
    $t2: String!
    $f3: String!
    $t3: String!
    $f4: String!
    $t4: String!
    $f5: String!
    $t5: String!
    $f6: String!
    $t6: String!
    $f7: String!
    $t7: String!
    $f8: String!
    $t8: String!
    $f9: String!
    $t9: String!
    $f10: String!
    $t10: String!
    $f11: String!
    $t11: String!
    $f12: String!
    $t12: String!
  ) {
    m0: kpis(from: $f0, to: $t0, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m1: kpis(from: $f1, to: $t1, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m2: kpis(from: $f2, to: $t2, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m3: kpis(from: $f3, to: $t3, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m4: kpis(from: $f4, to: $t4, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m5: kpis(from: $f5, to: $t5, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m6: kpis(from: $f6, to: $t6, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m7: kpis(from: $f7, to: $t7, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m8: kpis(from: $f8, to: $t8, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m9: kpis(from: $f9, to: $t9, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m10: kpis(from: $f10, to: $t10, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m11: kpis(from: $f11, to: $t11, filter: $filter) {
      kpis {
        name
        value
      }
    }
    m12: kpis(from: $f12, to: $t12, filter: $filter) {
      kpis {
        name
        value
      }
    }
  }
`);
