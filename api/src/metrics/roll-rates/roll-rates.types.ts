import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { Bucket } from '@collections/schema';
import { BucketEnum } from './bucket.ts';

@ObjectType({ description: 'Accounts moving from one bucket to another between two month-ends.' })
export class Transition {
  @Field(() => BucketEnum, { description: 'Bucket at the end of the origin month.' }) from!: Bucket;
  @Field(() => BucketEnum, { description: 'Bucket at the end of the month after.' }) to!: Bucket;
  @Field(() => Int, { description: 'Accounts making the transition.' }) accounts!: number;
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
  @Field(() => BucketEnum, { description: 'The origin bucket.' }) bucket!: Bucket;
  @Field(() => Int, {
    description: 'Accounts in the bucket with a state next month (the denominator).',
  })
  accounts!: number;
  @Field(() => Float, {
    description: 'Origin-month balance of those accounts (the balance denominator).',
  })
  balance!: number;
  @Field(() => Int, { description: 'Accounts in the bucket with no state next month.' })
  unobserved!: number;
  @Field(() => Float, { nullable: true, description: 'Null for CLOSED (not ordered).' })
  rollForwardRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Null for M0.' })
  cureRate!: number | null;
  @Field(() => Float, { description: 'Share of accounts moving to CLOSED.' }) paidOffRate!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Roll-forward rate by balance; null like rollForwardRate.',
  })
  rollForwardBalanceRate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Cure rate by balance; null like cureRate.' })
  cureBalanceRate!: number | null;
  @Field(() => Float, { description: 'Balance-weighted share moving to CLOSED.' })
  paidOffBalanceRate!: number;
}

@ObjectType({ description: 'Transitions from one origin month to the month after.' })
export class RollRateMonth {
  @Field(() => String, { description: 'Origin month YYYY-MM (compared with the month after).' })
  month!: string;
  @Field(() => [Transition], { description: 'Every observed (from, to) pair.' })
  transitions!: Transition[];
  @Field(() => Int, { description: 'Accounts with a state in this month but none in the next.' })
  unobserved!: number;
  @Field(() => Float, { description: 'Balance of the accounts with no state in the month after.' })
  unobservedBalance!: number;
  @Field(() => [BucketFlow], {
    description: 'Per origin bucket: roll-forward, cure and paid-off rates.',
  })
  flows!: BucketFlow[];
}

@ObjectType({
  description: 'docs/metrics/roll-rates.md: per origin month and pooled over the months.',
})
export class RollRateReport {
  @Field(() => [RollRateMonth], { description: 'One entry per origin month, in order.' })
  months!: RollRateMonth[];
  @Field(() => [Transition], { description: 'Numerators and denominators summed over the months.' })
  pooled!: Transition[];
  @Field(() => Int, {
    description: 'Accounts unobserved in the month after, over all origin months.',
  })
  pooledUnobserved!: number;
  @Field(() => [BucketFlow], { description: 'Per origin bucket, pooled over the origin months.' })
  pooledFlows!: BucketFlow[];
}
