/**
 * The propensity model as data (docs/models.md): which features, how a stored
 * run turns a feature row into a probability, and when a run may be published.
 * Pure: no database. SQL expressions are built from the whitelisted names below;
 * category levels reach SQL only as parameters.
 */

export { MODEL_TARGETS as TARGETS, type ModelTarget as Target } from '@collections/schema';

/** Numeric features: name → SQL over the feature table (features.sql.ts). */
export const NUMERIC_FEATURES: Readonly<Record<string, string>> = {
  dpd_months: 'dpd / 30',
  case_age_months: 'case_age_days / 30',
  ln_balance: 'log(1 + balance)',
  balance_trend_90d: 'balance_trend',
  months_on_book_years: 'mob / 12',
  prior_cases: 'prior_cases',
  prior_cures: 'prior_cures',
  promises: 'promises',
  plans: 'plans',
  attempts_90d: 'attempts_90',
  rpc_rate_90d: 'rpcs_90 / (attempts_90 + 1)',
  payments_180d: 'payments_180',
};
/** Categorical columns, one-hot encoded over the levels seen in training (`column=value`). */
export const CATEGORICAL_FEATURES = [
  'bucket',
  'segment',
  'product',
  'region',
  'risk_grade',
  'strategy',
] as const;
/** A level needs this share of the training cases to get its own indicator. */
export const MIN_LEVEL_SHARE = 0.01;

/** The feature list of a run: numeric ones, then `column=value` indicators. */
export function featureNames(levels: Readonly<Record<string, readonly string[]>>): string[] {
  return [
    ...Object.keys(NUMERIC_FEATURES),
    ...CATEGORICAL_FEATURES.flatMap((c) => (levels[c] ?? []).map((v) => `${c}=${v}`)),
  ];
}

/**
 * `[expr, …]` as a ClickHouse array over the feature table, with the levels as
 * parameters `lvl0`, `lvl1`, …. Throws on a name that is neither a numeric
 * feature nor a known categorical column (a corrupt model_run row).
 */
export function featureVectorSql(features: readonly string[]): {
  sql: string;
  params: Record<string, string>;
} {
  const params: Record<string, string> = {};
  const parts = features.map((name, i) => {
    const numeric = NUMERIC_FEATURES[name];
    if (numeric !== undefined) return `toFloat64(${numeric})`;
    const eq = name.indexOf('=');
    const column = name.slice(0, eq);
    if (eq < 0 || !(CATEGORICAL_FEATURES as readonly string[]).includes(column))
      throw new Error(`Unknown model feature "${name}"`);
    params[`lvl${i}`] = name.slice(eq + 1);
    return `toFloat64(${column} = {lvl${i}:String})`;
  });
  return { sql: `[${parts.join(', ')}]`, params };
}

/** Probability from a feature array `x` and a stored run (standardised logistic model). */
export function probabilitySql(x: string): string {
  return (
    `1 / (1 + exp(-(arraySum(arrayMap((v, m, sd, w) -> w * (v - m) / sd, ${x}, ` +
    `{means:Array(Float64)}, {stds:Array(Float64)}, {coefficients:Array(Float64)})) + {intercept:Float64})))`
  );
}

export interface Discrimination {
  /** test samples (case × instant) and positives among them */
  readonly n: number;
  readonly positives: number;
  readonly auc: number;
  readonly brier: number;
}

/**
 * Hanley & McNeil (1982) standard error of an AUC from n₁ positives and n₀
 * negatives; the 95 % interval is AUC ± 1.96 SE, clipped to [0, 1].
 */
export function aucInterval(auc: number, positives: number, negatives: number) {
  if (positives === 0 || negatives === 0) return { low: 0, high: 1 };
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) /
    (positives * negatives);
  const half = 1.96 * Math.sqrt(Math.max(0, variance));
  return { low: Math.max(0, auc - half), high: Math.min(1, auc + half) };
}

/** Fewest out-of-time test samples (and of each class) before a model may be published. */
export const MIN_TEST_CASES = 200;
export const MIN_TEST_CLASS = 20;

/**
 * Publish only a model that beats the naive baseline out of time on both
 * ranking (higher AUC) and probability accuracy (lower Brier score), on enough
 * test samples (docs/decisions/ for why both).
 */
export function verdict(
  model: Discrimination,
  baseline: Discrimination,
): { published: boolean; verdict: string } {
  const negatives = model.n - model.positives;
  if (model.n < MIN_TEST_CASES || model.positives < MIN_TEST_CLASS || negatives < MIN_TEST_CLASS)
    return {
      published: false,
      verdict:
        `not published: ${model.n} out-of-time test samples (${model.positives} positive); ` +
        `at least ${MIN_TEST_CASES} with ${MIN_TEST_CLASS} of each outcome are needed`,
    };
  const f = (x: number) => x.toFixed(3);
  const figures =
    `AUC ${f(model.auc)} vs baseline ${f(baseline.auc)}, ` +
    `Brier ${f(model.brier)} vs baseline ${f(baseline.brier)} on ${model.n} out-of-time samples`;
  if (model.auc > baseline.auc && model.brier < baseline.brier)
    return { published: true, verdict: `published: beats the baseline (${figures})` };
  return {
    published: false,
    verdict: `not published: does not beat the baseline (rate by bucket × segment): ${figures}`,
  };
}
