import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Interval, StrategyArm } from '../strategy-comparison/strategy-comparison.types.ts';

@ObjectType({
  description: 'One arm within one segment, against the champion in the same segment.',
})
export class ArmUplift {
  @Field(() => String, { description: 'The arm (strategy).' })
  strategy!: string;
  @Field(() => StrategyArm, {
    description:
      "The arm's counts, rates and intervals within the segment (as strategyComparison).",
  })
  arm!: StrategyArm;
  @Field(() => Float, {
    nullable: true,
    description: 'Cure rate − champion cure rate in the segment; null for the champion.',
  })
  uplift!: number | null;
  @Field(() => Interval, { nullable: true, description: 'Wald interval of the uplift (unpooled).' })
  upliftCI!: Interval | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Recovery rate − champion recovery rate in the segment; null for the champion.',
  })
  recoveryUplift!: number | null;
  @Field(() => Interval, {
    nullable: true,
    description: 'Interval of the recovery uplift (delta-method standard errors combined).',
  })
  recoveryUpliftCI!: Interval | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Benjamini–Hochberg adjusted p-value across every segment × arm tested.',
  })
  qValue!: number | null;
  @Field(() => Boolean, { description: 'qValue < 1 − confidence.' })
  significant!: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      "Uplift shrunk towards the arm's mean uplift over segments (DerSimonian–Laird); small segments move most.",
  })
  shrunkUplift!: number | null;
  @Field(() => Interval, { nullable: true, description: 'Interval of the shrunk uplift.' })
  shrunkUpliftCI!: Interval | null;
}

@ObjectType({ description: 'Uplift of every arm over the champion within one segment.' })
export class SegmentUplift {
  @Field(() => String, { description: 'The segment ("" for cases without one).' })
  segment!: string;
  @Field(() => Int, { description: 'Mature cases of the segment, all arms.' })
  matureCases!: number;
  @Field(() => [ArmUplift], { description: 'Every arm in the segment, champion included.' })
  arms!: ArmUplift[];
  @Field(() => String, {
    description:
      'The arm to run for this segment: the challenger with the highest shrunk uplift that is significant after BH and whose shrunk interval is above 0; else the champion.',
  })
  recommendedArm!: string;
  @Field(() => Float, {
    description:
      'Shrunk cure uplift of the recommended arm over the champion (0 for the champion).',
  })
  expectedUplift!: number;
  @Field(() => Interval, { description: 'Interval of expectedUplift.' })
  expectedUpliftCI!: Interval;
}

@ObjectType({
  description:
    'Uplift by segment × arm from a randomised champion/challenger experiment, with a recommended arm per segment (docs/metrics/uplift.md).',
})
export class UpliftReport {
  @Field(() => String, { description: 'The experiment.' })
  experiment!: string;
  @Field(() => String, { description: 'The champion arm ("" when none is given or tagged).' })
  champion!: string;
  @Field(() => Int, { description: 'N of "cured within N days".' })
  cureWithinDays!: number;
  @Field(() => Float, { description: 'Confidence level of the intervals and of significance.' })
  confidence!: number;
  @Field(() => [SegmentUplift], { description: 'One entry per segment, by name.' })
  segments!: SegmentUplift[];
  @Field(() => Float, {
    description:
      'Expected extra cure rate per case of following the recommendations instead of running the champion for everyone.',
  })
  expectedGain!: number;
  @Field(() => Interval, { description: 'Interval of expectedGain (segments independent).' })
  expectedGainCI!: Interval;
}
