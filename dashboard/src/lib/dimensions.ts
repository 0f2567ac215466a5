/** Filter values the API knows (portfolios, products, …, experiments), fetched once per key. */
import { gql } from './client.ts';
import { DimensionsQuery } from './queries.ts';
import { useQuery } from './useQuery.ts';

export type Dimensions = Awaited<ReturnType<typeof fetchDimensions>>;

let cached: Promise<Awaited<ReturnType<typeof load>>> | null = null;

function load() {
  return gql(DimensionsQuery, {}).then((d) => d.dimensions);
}

function fetchDimensions() {
  cached ??= load().catch((e: unknown) => {
    cached = null; // a failed fetch (e.g. before the key prompt) is retried next time
    throw e;
  });
  return cached;
}

/** Suggestions only: null while loading or when the API cannot say. */
export function useDimensions(): Dimensions | null {
  const q = useQuery('dimensions', () => fetchDimensions());
  return q.status === 'success' ? q.data : null;
}
