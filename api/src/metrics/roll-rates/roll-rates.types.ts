import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Bucket } from '@collections/schema';
import { BucketEnum } from './bucket.ts';

@ObjectType({ description: 'Accounts moving from one bucket to another between two month-ends.' })
export class Transition {
  @Field(() => BucketEnum) from!: Bucket;
  @Field(() => BucketEnum) to!: Bucket;
  @Field(() => Int) accounts!: number;
  @Field(() => Float, { description: 'Sum of origin-month balances of these accounts.' })
  balance!: number;
  @Field(() => Float, { description: 'accounts / accounts of `from` observed next month.' })
  accountRate!: number;
  @Field(() => Float, { description: 'balance / balance of `from` observed next month.' })
  balanceRate!: number;
}

@ObjectType({
  description:
    'Per origin bucket: roll-forward (to any worse bucket), cure (to M0) and paid-off (to CLOSED) rates, by count and by balance.',
})
export class BucketFlow {
  @Field(() => BucketEnum) bucket!: Bucket;
  @Field(() => Int, {
    description: 'Accounts in the bucket with a state next month (the denominator).',
  })
  accounts!: number;
  @Field(() => Float) balance!: number;
  @Field(() => Int, { description: 'Accounts in the bucket with no state next month.' })
  unobserved!: number;
  @Field(() => Float, { nullable: true, description: 'Null for CLOSED (not ordered).' })
  rollForwardRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null for M0.' })
  cureRate!: number | null;
  @Field(() => Float) paidOffRate!: number;
  @Field(() => Float, { nullable: true }) rollForwardBalanceRate!: number | null;
  @Field(() => Float, { nullable: true }) cureBalanceRate!: number | null;
  @Field(() => Float) paidOffBalanceRate!: number;
}

@ObjectType()
export class RollRateMonth {
  @Field(() => String, { description: 'Origin month YYYY-MM (compared with the month after).' })
  month!: string;
  @Field(() => [Transition]) transitions!: Transition[];
  @Field(() => Int, { description: 'Accounts with a state in this month but none in the next.' })
  unobserved!: number;
  @Field(() => Float) unobservedBalance!: number;
  @Field(() => [BucketFlow]) flows!: BucketFlow[];
}

@ObjectType({
  description: 'docs/metrics/roll-rates.md: per origin month and pooled over the months.',
})
export class RollRateReport {
  @Field(() => [RollRateMonth]) months!: RollRateMonth[];
  @Field(() => [Transition], { description: 'Numerators and denominators summed over the months.' })
  pooled!: Transition[];
  @Field(() => Int) pooledUnobserved!: number;
  @Field(() => [BucketFlow]) pooledFlows!: BucketFlow[];
}
