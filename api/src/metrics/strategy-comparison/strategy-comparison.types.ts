import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A confidence interval.' })
export class Interval {
  @Field(() => Float)
  low!: number;

  @Field(() => Float)
  high!: number;
}

@ObjectType({
  description: 'One arm (strategy) of an experiment (docs/metrics/strategy-comparison.md).',
})
export class StrategyArm {
  @Field(() => String)
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

@ObjectType()
export class StrategyComparison {
  @Field(() => String)
  experiment!: string;

  @Field(() => String, { description: 'The champion arm ("" when none is given or tagged).' })
  champion!: string;

  @Field(() => Int)
  cureWithinDays!: number;

  @Field(() => Float, { description: 'The confidence level used for intervals and significance.' })
  confidence!: number;

  @Field(() => [StrategyArm])
  arms!: StrategyArm[];

  @Field(() => String)
  verdict!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'When no arm differs significantly from the champion: mature cases per arm needed for 80 % power at the observed rates.',
  })
  casesNeededPerArm!: number | null;
}
