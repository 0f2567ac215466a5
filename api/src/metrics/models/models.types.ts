import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Interval } from '../strategy-comparison/strategy-comparison.types.ts';

@ObjectType({ description: 'One score decile of the out-of-time test cases (1 = highest scores).' })
export class DecileStat {
  @Field(() => Int, { description: '1 (highest scores) … 10.' })
  decile!: number;
  @Field(() => Int, { description: 'Test samples in the decile.' })
  cases!: number;
  @Field(() => Int, { description: 'Of them, with the outcome (cured / paid within 30 days).' })
  positives!: number;
  @Field(() => Float, { description: 'positives / cases.' })
  observedRate!: number;
  @Field(() => Interval, { description: '95 % Wilson interval of the observed rate.' })
  observedRateCI!: Interval;
  @Field(() => Float, {
    description: 'Mean predicted probability (calibration: compare with observedRate).',
  })
  meanPredicted!: number;
  @Field(() => Float, { description: 'observedRate / overall rate of the test cases.' })
  lift!: number;
  @Field(() => Float, { description: 'Share of all positives found in deciles 1 … this one.' })
  cumulativeGain!: number;
}

@ObjectType({ description: 'Out-of-time evaluation of a scorer on the test cases.' })
export class ModelEvaluation {
  @Field(() => Int, {
    description:
      'Test samples (cases opened at or after the cut-off, at instants whose 30 days ended by the as-of).',
  })
  cases!: number;
  @Field(() => Int, { description: 'Test samples with the outcome.' })
  positives!: number;
  @Field(() => Float, { description: 'positives / cases.' })
  rate!: number;
  @Field(() => Interval, { description: '95 % Wilson interval of the rate.' })
  rateCI!: Interval;
  @Field(() => Float, { description: 'Area under the ROC curve.' })
  auc!: number;
  @Field(() => Interval, { description: '95 % interval of the AUC (Hanley–McNeil).' })
  aucCI!: Interval;
  @Field(() => Float, { description: 'Mean squared error of the probabilities (lower is better).' })
  brier!: number;
  @Field(() => [DecileStat], {
    description: 'Calibration, lift and cumulative gains by score decile.',
  })
  deciles!: DecileStat[];
}

@ObjectType({
  description:
    'A training run of a propensity model with its out-of-time validation and verdict against the naive baseline (docs/models.md).',
})
export class ModelRun {
  @Field(() => String, { description: 'Run id; scores carry it.' })
  runId!: string;
  @Field(() => String, { description: 'cure_30d or payment_30d.' })
  target!: string;
  @Field(() => String, { description: 'When the run was trained (UTC, ISO 8601).' })
  trainedAt!: string;
  @Field(() => String, {
    description:
      'Training cases opened (and labelled) before it; test cases opened at or after it.',
  })
  cutoff!: string;
  @Field(() => String, { description: 'Data as-of instant at training.' })
  asOf!: string;
  @Field(() => String, { description: 'Learning method and its settings.' })
  method!: string;
  @Field(() => [String], { description: 'Feature names, in coefficient order.' })
  features!: string[];
  @Field(() => [Float], { description: 'Coefficients of the standardised features.' })
  coefficients!: number[];
  @Field(() => Float, { description: 'Intercept.' })
  intercept!: number;
  @Field(() => Int, {
    description: 'Training samples (case × instant: opening, then every 30 days open).',
  })
  trainSamples!: number;
  @Field(() => Int, {
    description: 'Out-of-time test samples (cases opened at or after the cut-off).',
  })
  testSamples!: number;
  @Field(() => Boolean, {
    description:
      'True only when the model beats the baseline out of time (higher AUC and lower Brier).',
  })
  published!: boolean;
  @Field(() => String, { description: 'The verdict in a sentence, with the figures.' })
  verdict!: string;
  @Field(() => ModelEvaluation, { description: 'The model on the test cases.' })
  model!: ModelEvaluation;
  @Field(() => ModelEvaluation, {
    description:
      'The naive baseline (training cure rate by entry bucket × segment) on the same cases.',
  })
  baseline!: ModelEvaluation;
  @Field(() => Float, { description: 'Wall time of the training run, seconds.' })
  seconds!: number;
}

@ObjectType({ description: 'The score of one open case.' })
export class CaseScore {
  @Field(() => String, { description: 'The case.' })
  caseId!: string;
  @Field(() => Float, { description: 'Probability of the target within 30 days of scoredAt.' })
  score!: number;
}

@ObjectType({
  description:
    'Scores of the latest run of a target; empty with the verdict when that run did not beat the baseline.',
})
export class CaseScorePage {
  @Field(() => String, { description: 'The run whose scores these are.' })
  runId!: string;
  @Field(() => Boolean, { description: 'Whether the run is published (beats the baseline).' })
  published!: boolean;
  @Field(() => String, { description: 'The run verdict.' })
  verdict!: string;
  @Field(() => String, { nullable: true, description: 'The scoring instant; null without scores.' })
  scoredAt!: string | null;
  @Field(() => Int, { description: 'Scored cases in total.' })
  total!: number;
  @Field(() => [CaseScore], { description: 'The page, highest score first.' })
  rows!: CaseScore[];
}
