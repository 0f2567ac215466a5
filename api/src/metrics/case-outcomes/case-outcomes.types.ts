import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType()
export class OutcomeCount {
  @Field(() => String)
  outcome!: string;

  @Field(() => Int)
  cases!: number;

  @Field(() => Float, { description: 'cases / cases of the group.' })
  share!: number;
}

@ObjectType({
  description: 'Cases closed in the period sharing the groupBy values (SPEC §4 Case outcomes).',
})
export class OutcomeGroup {
  @Field(() => [String], {
    description: 'Values of the groupBy dimensions, in order ("" when missing).',
  })
  key!: string[];

  @Field(() => Int)
  cases!: number;

  @Field(() => [OutcomeCount], {
    description: 'Outcomes present in the group, most frequent first.',
  })
  outcomes!: OutcomeCount[];

  @Field(() => Float, { description: 'Mean of (close − open) in days of 24 h, fractional.' })
  meanDaysToClose!: number;

  @Field(() => Float, {
    description: 'Median days to close; mean of the two middle values for an even count.',
  })
  medianDaysToClose!: number;

  @Field(() => Float, { description: 'Payments on the cases from open to close, both included.' })
  recovered!: number;

  @Field(() => Float, { description: 'Σ recovered / Σ entry balance (0 when the balance is 0).' })
  recoveryRate!: number;
}
