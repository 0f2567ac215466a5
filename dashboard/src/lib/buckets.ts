/**
 * The delinquency buckets in display order. The names are the API's generated
 * `Bucket` enum (src/gql); a union has no order, so the order is written here
 * once, and the compiler checks that it lists every bucket of the schema.
 */
import type { Bucket } from '../gql/graphql.ts';

export const BUCKETS = [
  'M0',
  'M1',
  'M2',
  'M3',
  'M4',
  'M5',
  'M6',
  'M7_PLUS',
  'CHARGED_OFF',
  'CLOSED',
] as const satisfies readonly Bucket[];

/** Fails to compile when the schema gains a bucket that BUCKETS does not list. */
type Unlisted = Exclude<Bucket, (typeof BUCKETS)[number]>;
const everyBucketListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyBucketListed;

export type { Bucket };

export function label(b: Bucket): string {
  return b === 'M7_PLUS'
    ? 'M7+'
    : b === 'CHARGED_OFF'
      ? 'Charged off'
      : b === 'CLOSED'
        ? 'Closed'
        : b;
}

/** M1 to M7+: behind on payments and still being collected. */
export function isDelinquent(b: Bucket): boolean {
  return b !== 'M0' && b !== 'CHARGED_OFF' && b !== 'CLOSED';
}
