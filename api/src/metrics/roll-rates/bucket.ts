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
  valuesConfig: {
    M0: { description: 'Open and current (dpd 0).' },
    M1: { description: 'Open, 1–30 days past due.' },
    M2: { description: 'Open, 31–60 days past due.' },
    M3: { description: 'Open, 61–90 days past due.' },
    M4: { description: 'Open, 91–120 days past due.' },
    M5: { description: 'Open, 121–150 days past due.' },
    M6: { description: 'Open, 151–180 days past due.' },
    M7_PLUS: { description: 'Open, more than 180 days past due.' },
    CHARGED_OFF: { description: 'Status charged_off (absorbing; worse than every open bucket).' },
    CLOSED: {
      description: 'Status closed: paid off or closed (absorbing; neither better nor worse).',
    },
  },
});
