import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Repayment plans of one group (docs/metrics/repayment-plans.md).' })
export class PlanGroup {
  @Field(() => [String], { description: 'Values of the groupBy dimensions, in order.' })
  key!: string[];

  @Field(() => Int, { description: 'Plans created in [from, to].' })
  plans!: number;

  @Field(() => Number, { description: 'Sum of the plans’ total_amount.' })
  totalAmount!: number;

  @Field(() => Number, {
    description: 'Payments on each plan’s case since the plan was created, summed.',
  })
  paid!: number;

  @Field(() => Number, {
    description: 'Installments due by the as-of date (total / installments each, monthly).',
  })
  dueSoFar!: number;

  @Field(() => Int, { description: 'Plans whose paid amount covers what is due so far.' })
  onTrack!: number;

  @Field(() => Number, { description: 'onTrack / plans, in [0, 1].' })
  onTrackRate!: number;

  @Field(() => Int, { description: 'Plans whose case is closed.' })
  closedPlans!: number;

  @Field(() => Int, { description: 'Plans whose case closed plan_completed.' })
  completed!: number;

  @Field(() => Number, {
    nullable: true,
    description: 'completed / closedPlans in [0, 1]; null when no case is closed.',
  })
  completionRate!: number | null;

  @Field(() => Int, {
    description:
      'For the viewer role, groups of fewer than SMALL_CELL_MIN_CASES plans are merged into one last group whose key values are all "*": this is how many groups it merges. 0 for every other group.',
  })
  suppressedGroups!: number;
}
