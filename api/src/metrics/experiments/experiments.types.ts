import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One arm of an experiment.' })
export class ExperimentArm {
  @Field(() => String, { description: 'The arm (strategy of its cases).' })
  strategy!: string;

  @Field(() => Int, { description: 'Cases of the arm (all loaded).' })
  cases!: number;

  @Field(() => Boolean, { description: 'Whether this arm is the champion.' })
  champion!: boolean;
}

@ObjectType({
  description:
    'A champion/challenger experiment of the loaded cases, with its current verdict (docs/metrics/strategy-comparison.md).',
})
export class Experiment {
  @Field(() => String, { description: 'The experiment named on case_opened.' })
  name!: string;

  @Field(() => String, { description: 'Local day (REPORT_TZ) of its first case opening.' })
  firstDay!: string;

  @Field(() => String, { description: 'Local day of its last case opening.' })
  lastDay!: string;

  @Field(() => Int, { description: 'Cases in all its arms.' })
  cases!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The arm with most cases tagged arm_role champion; null when no case is tagged.',
  })
  champion!: string | null;

  @Field(() => [ExperimentArm], { description: 'Its arms, by strategy name.' })
  arms!: ExperimentArm[];

  @Field(() => Int, { description: 'N of the verdict’s cure within N days.' })
  cureWithinDays!: number;

  @Field(() => String, {
    description:
      'strategyComparison’s verdict over firstDay … lastDay with its defaults (cure within 30 days, 95 % confidence).',
  })
  verdict!: string;
}
