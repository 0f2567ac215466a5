/** Operations of the shell (as-of date). Feature queries sit in their folders. */
import { graphql } from '../gql/gql.ts';

export const AsOfQuery = graphql(`
  query AsOf {
    asOf {
      date
      instant
      currency
    }
  }
`);

export const DimensionsQuery = graphql(`
  query Dimensions {
    dimensions {
      portfolios
      products
      regions
      riskGrades
      experiments
    }
  }
`);
