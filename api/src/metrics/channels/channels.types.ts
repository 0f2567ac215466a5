import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Effectiveness of one contact channel over attempts in [from, to] (docs/metrics/channel-effectiveness.md).',
})
export class ChannelEffectiveness {
  @Field(() => String, { description: 'call, sms, email, app_push, letter, field_visit or ivr.' })
  channel!: string;
  @Field(() => Int, { description: 'Contact attempts over the channel in the period.' })
  attempts!: number;
  @Field(() => Int, {
    description: 'Attempts with any answer or delivery (not no_answer/busy/failed).',
  })
  contacts!: number;
  @Field(() => Float, { description: 'contacts / attempts (0 without attempts).' })
  contactRate!: number;
  @Field(() => Int, { description: 'Right-party contacts.' })
  rpcs!: number;
  @Field(() => Float, { description: 'rpcs / attempts (0 without attempts).' })
  rpcRate!: number;
  @Field(() => Int, { description: 'Attempts whose outcome is promise_to_pay.' })
  promises!: number;
  @Field(() => Int, {
    description:
      'Payments within 7 × 24 h after an attempt of this channel on the same case, each credited once to the latest attempt before it.',
  })
  payments!: number;
  @Field(() => Float, {
    description: 'Amount of those payments (docs/api.md "Naming": amountCollected).',
  })
  amountCollected!: number;
  @Field(() => Float, {
    description: 'Amount of those payments; the same as amountCollected.',
    deprecationReason: 'Use amountCollected (the common name of an amount collected).',
  })
  collected!: number;
  @Field(() => Float, { description: 'Total cost of the attempts.' })
  cost!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'cost / collected; null when nothing was collected. The same as costToCollect.',
    deprecationReason: 'Use costToCollect (the name of the cost_to_collect KPI).',
  })
  costPerCollected!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'cost / amountCollected, as the cost_to_collect KPI; null when nothing was collected.',
  })
  costToCollect!: number | null;
}
