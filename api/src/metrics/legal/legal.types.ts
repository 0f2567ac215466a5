import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'Cases at one legal stage, or all of them (docs/metrics/legal-pipeline.md).',
})
export class LegalStage {
  @Field(() => String, {
    nullable: true,
    description:
      'demand_letter, filed, judgment, enforcement (furthest reached) or withdrawn (latest action); null for the total.',
  })
  stage!: string | null;

  @Field(() => Int, { description: 'Cases whose first legal action is in [from, to].' })
  cases!: number;

  @Field(() => Number, { description: 'Cost of all their legal actions.' })
  legalCost!: number;

  @Field(() => Number, {
    description: 'Payments on those cases at or after their first legal action.',
  })
  recovered!: number;

  @Field(() => Number, {
    nullable: true,
    description:
      'Mean days (elapsed hours / 24) from case open to first legal action; null when no case_opened is known.',
  })
  meanDaysToFirstAction!: number | null;

  @Field(() => Number, {
    nullable: true,
    description: 'Median of the same (mean of the two middle values for an even count).',
  })
  medianDaysToFirstAction!: number | null;

  @Field(() => Number, {
    nullable: true,
    description: 'recovered / legalCost (a multiple, not a rate); null when the cost is 0.',
    deprecationReason:
      'Use costToCollect (legalCost / recovered, as the cost_to_collect KPI): this is its inverse.',
  })
  recoveredPerCost!: number | null;

  @Field(() => Number, {
    nullable: true,
    description:
      'legalCost / recovered, as the cost_to_collect KPI (cost ÷ amount collected); null when nothing was recovered.',
  })
  costToCollect!: number | null;
}

@ObjectType({ description: 'The legal pipeline: every stage in order, then the total.' })
export class LegalPipeline {
  @Field(() => [LegalStage], {
    description: 'demand_letter, filed, judgment, enforcement, withdrawn — always all five.',
  })
  stages!: LegalStage[];

  @Field(() => LegalStage, { description: 'All stages together.' })
  total!: LegalStage;
}
