import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A confidence interval.' })
export class Interval {
  @Field(() => Float, { description: 'Lower bound.' })
  low!: number;

  @Field(() => Float, { description: 'Upper bound.' })
  high!: number;
}

@ObjectType({
  description: 'One arm (strategy) of an experiment (docs/metrics/strategy-comparison.md).',
})
export class StrategyArm {
  @Field(() => String, { description: 'The arm (strategy of its cases).' })
  strategy!: string;

  @Field(() => Int, { description: 'Cases of the arm opened in the period.' })
  cases!: number;

  @Field(() => Int, { description: 'Cases whose N-day window has ended by the as-of instant.' })
  matureCases!: number;

  @Field(() => Int, { description: 'Mature cases cured (cured / paid_in_full) within N days.' })
  cured!: number;

  @Field(() => Float, { description: 'cured / matureCases (0 without mature cases).' })
  cureRate!: number;

  @Field(() => Interval, { description: 'Wilson score interval ([0, 1] without mature cases).' })
  cureRateCI!: Interval;

  @Field(() => Float, { description: 'Σ recovered within N days / Σ entry balance, mature cases.' })
  recoveryRate!: number;

  @Field(() => Interval, { description: 'Delta-method interval of the recovery rate.' })
  recoveryRateCI!: Interval;

  @Field(() => Float, { description: 'Cost of attempts within N days per mature case.' })
  costPerCase!: number;

  @Field(() => Float, { description: '(Σ recovered − Σ cost) / mature cases.' })
  netRecoveryPerCase!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'cureRate − champion cureRate; null for the champion.',
  })
  liftVsChampion!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'lift / champion cureRate; null when that is 0.',
  })
  relativeLift!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Two-sided pooled two-proportion z-test against the champion.',
  })
  pValue!: number | null;

  @Field(() => Boolean, { description: 'pValue < 1 − confidence.' })
  significant!: boolean;
}

@ObjectType({
  description:
    'Champion/challenger comparison of the arms of an experiment (docs/metrics/strategy-comparison.md).',
})
export class StrategyComparison {
  @Field(() => String, { description: 'The experiment compared.' })
  experiment!: string;

  @Field(() => String, { description: 'The champion arm ("" when none is given or tagged).' })
  champion!: string;

  @Field(() => Int, { description: 'N of cure within N days.' })
  cureWithinDays!: number;

  @Field(() => Float, { description: 'The confidence level used for intervals and significance.' })
  confidence!: number;

  @Field(() => [StrategyArm], { description: 'The arms, by strategy name.' })
  arms!: StrategyArm[];

  @Field(() => String, {
    description:
      'The best arm when its lift is significant; otherwise how many more cases per arm are needed.',
  })
  verdict!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'When no arm differs significantly from the champion: mature cases per arm needed for 80 % power at the observed rates.',
  })
  casesNeededPerArm!: number | null;
}
