import { graphql } from '../../gql/gql.ts';

/** The semantic layer's catalog: what the Explore page's pickers offer (docs/metrics/explore.md). */
export const CatalogQuery = graphql(`
  query Catalog {
    catalog {
      currency
      grains
      measures {
        name
        key
        description
        unit
        numerator
        denominator
        dimensions
        filters
      }
      dimensions {
        name
        key
        description
        filterField
        values
      }
    }
  }
`);

/** One explore question: every rate arrives with its numerator and denominator. */
export const ExploreQuery = graphql(`
  query Explore(
    $measures: [Measure!]!
    $dimensions: [Dimension!]!
    $grain: TimeGrain
    $from: String!
    $to: String!
    $filter: PortfolioFilter
  ) {
    explore(
      measures: $measures
      dimensions: $dimensions
      grain: $grain
      from: $from
      to: $to
      filter: $filter
    ) {
      from
      to
      currency
      measures
      dimensions
      totalRows
      truncated
      rows {
        period
        key
        suppressed
        values {
          measure
          unit
          value
          numerator
          denominator
        }
      }
    }
  }
`);
