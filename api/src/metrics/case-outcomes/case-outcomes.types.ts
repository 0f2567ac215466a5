import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'How many cases of a group closed with one outcome.' })
export class OutcomeCount {
  @Field(() => String, { description: 'The case_closed outcome (cured, paid_in_full, …).' })
  outcome!: string;

  @Field(() => Int, { description: 'Cases of the group with this outcome.' })
  cases!: number;

  @Field(() => Float, { description: 'cases / cases of the group.' })
  share!: number;
}

@ObjectType({
  description:
    'Cases closed in the period sharing the groupBy values (docs/metrics/case-outcomes.md).',
})
export class OutcomeGroup {
  @Field(() => [String], {
    description: 'Values of the groupBy dimensions, in order ("" when missing).',
  })
  key!: string[];

  @Field(() => Int, { description: 'Cases of the group closed in the period.' })
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

  @Field(() => Int, {
    description:
      'For the viewer role, groups of fewer than SMALL_CELL_MIN_CASES cases are merged into one last group whose key values are all "*": this is how many groups it merges (its cases are in cases). 0 for every other group.',
  })
  suppressedGroups!: number;
}
