/** The docs/metrics/README.md#buckets `Bucket` GraphQL enum, registered once for every metric that returns buckets. */
import { BUCKETS, type Bucket } from '@collections/schema';
import { registerEnumType } from 'type-graphql';

export const BucketEnum = Object.fromEntries(BUCKETS.map((b) => [b, b])) as {
  [K in Bucket]: K;
};
registerEnumType(BucketEnum, {
  name: 'Bucket',
  description:
    'docs/metrics/README.md#buckets, delinquency buckets; CHARGED_OFF and CLOSED are absorbing.',
});
