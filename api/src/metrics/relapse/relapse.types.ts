import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Post-cure relapse of the cures of one month, or of the whole period.' })
export class RelapseCohort {
  @Field(() => String, {
    nullable: true,
    description: 'Month of the cure, YYYY-MM in REPORT_TZ; null for the period total.',
  })
  month!: string | null;

  @Field(() => Int, { description: 'Cases closed cured.' })
  cured!: number;

  @Field(() => Int, { description: 'Cures whose 90-day window ended by the as-of date.' })
  matureCured!: number;

  @Field(() => Int, { description: 'Mature cures back in M1 or worse within 90 days.' })
  relapsed!: number;

  @Field(() => Number, {
    nullable: true,
    description: 'relapsed / matureCured in [0, 1]; null when no cure is mature.',
  })
  relapseRate!: number | null;

  @Field(() => Int, { description: 'Cures whose window is still open (never in the rate).' })
  immatureCured!: number;

  @Field(() => Int, { description: 'Immature cures already back in M1 or worse.' })
  immatureRelapsed!: number;
}

@ObjectType({ description: 'docs/metrics/post-cure-relapse.md: how long cures last.' })
export class PostCureRelapse {
  @Field(() => Int, { description: 'Days after the cure day a relapse is looked for (90).' })
  windowDays!: number;

  @Field(() => RelapseCohort, { description: 'All cure months together (month null).' })
  total!: RelapseCohort;

  @Field(() => [RelapseCohort], { description: 'One row per cure month, in order.' })
  months!: RelapseCohort[];
}
