import type { Bucket } from '@collections/schema';
import { Field, Float, ObjectType } from 'type-graphql';
import { BucketEnum } from '../roll-rates/bucket.ts';

@ObjectType({ description: 'Expected accounts (fractional) and balance in a bucket.' })
export class BucketAmount {
  @Field(() => BucketEnum, { description: 'The bucket.' }) bucket!: Bucket;
  @Field(() => Float, {
    description: 'Expected accounts in the bucket (fractional: an expectation).',
  })
  accounts!: number;
  @Field(() => Float, { description: 'Expected balance in the bucket.' }) balance!: number;
}

@ObjectType({ description: 'The projected distribution one month ahead of the previous.' })
export class ForecastMonth {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => [BucketAmount], {
    description: 'Every bucket with its expected accounts and balance.',
  })
  buckets!: BucketAmount[];
  @Field(() => Float, { description: 'Expected accounts newly charged off in this month.' })
  chargeOffs!: number;
  @Field(() => Float, { description: 'Expected balance newly charged off in this month.' })
  chargeOffBalance!: number;
}

@ObjectType({ description: 'One cell of the forecast transition matrix (count basis, pooled).' })
export class TransitionProbability {
  @Field(() => BucketEnum, { description: 'Bucket at month end.' }) from!: Bucket;
  @Field(() => BucketEnum, { description: 'Bucket a month later.' }) to!: Bucket;
  @Field(() => Float, { description: 'Pooled count-basis transition probability.' })
  probability!: number;
}

@ObjectType({
  description:
    'docs/metrics/loss-forecast.md: the pooled count-basis roll-rate matrix of the lookback months as a Markov chain (CHARGED_OFF, CLOSED absorbing) applied to the latest month-end distribution.',
})
export class LossForecast {
  @Field(() => String, {
    nullable: true,
    description: 'Latest month with data (YYYY-MM); null when none.',
  })
  baseMonth!: string | null;
  @Field(() => String, { nullable: true, description: 'First origin month of the pooled matrix.' })
  lookbackFrom!: string | null;
  @Field(() => String, { nullable: true, description: 'Last origin month of the pooled matrix.' })
  lookbackTo!: string | null;
  @Field(() => [TransitionProbability], {
    description: 'The pooled transition probabilities used (rows sum to 1; absorbing states stay).',
  })
  matrix!: TransitionProbability[];
  @Field(() => [BucketEnum], {
    description: 'Open buckets with no observed transitions in the lookback: assumed to stay put.',
  })
  unobservedBuckets!: Bucket[];
  @Field(() => [BucketAmount], { description: 'The latest month-end distribution.' })
  start!: BucketAmount[];
  @Field(() => [ForecastMonth], { description: 'The projection, month by month.' })
  months!: ForecastMonth[];
  @Field(() => Float, { description: 'Accounts expected to charge off over the projected months.' })
  expectedChargeOffs!: number;
  @Field(() => Float, { description: 'Balance expected to charge off over the projected months.' })
  expectedChargeOffBalance!: number;
}
