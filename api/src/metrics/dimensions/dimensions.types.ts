import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A registered agent (latest registration).' })
export class DimensionAgent {
  @Field(() => String) agentId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) team!: string | null;
}

@ObjectType({
  description: 'Distinct values of each filter dimension, sorted; empty values left out.',
})
export class Dimensions {
  @Field(() => [String]) portfolios!: string[];
  @Field(() => [String]) products!: string[];
  @Field(() => [String]) regions!: string[];
  @Field(() => [String]) riskGrades!: string[];
  @Field(() => [String]) segments!: string[];
  @Field(() => [String]) strategies!: string[];
  @Field(() => [String]) experiments!: string[];
  @Field(() => [String]) teams!: string[];
  @Field(() => [DimensionAgent], { description: 'Sorted by agentId.' }) agents!: DimensionAgent[];
}
