import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A registered agent (latest registration).' })
export class DimensionAgent {
  @Field(() => String, { description: 'The agent_id of the events.' }) agentId!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Name of the latest registration; null when empty.',
  })
  name!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Team of the latest registration; null when empty.',
  })
  team!: string | null;
}

@ObjectType({
  description: 'Distinct values of each filter dimension, sorted; empty values left out.',
})
export class Dimensions {
  @Field(() => [String], { description: 'Portfolios of any account_opened.' })
  portfolios!: string[];
  @Field(() => [String], { description: 'Products of any account_opened.' }) products!: string[];
  @Field(() => [String], { description: 'Regions of any account_opened.' }) regions!: string[];
  @Field(() => [String], { description: 'Risk grades of any account_opened.' })
  riskGrades!: string[];
  @Field(() => [String], { description: 'Segments of any case_opened.' }) segments!: string[];
  @Field(() => [String], { description: 'Strategies of any case_opened.' }) strategies!: string[];
  @Field(() => [String], { description: 'Experiments of any case_opened.' }) experiments!: string[];
  @Field(() => [String], { description: 'Teams of the latest registration of each agent.' })
  teams!: string[];
  @Field(() => [DimensionAgent], { description: 'Sorted by agentId.' }) agents!: DimensionAgent[];
  @Field(() => [String], {
    description: 'Contact channels (the fixed list of docs/etl.md), for the filter’s channels.',
  })
  channels!: string[];
}
