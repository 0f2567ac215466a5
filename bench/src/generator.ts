/**
 * The project's generator (etl-gen branch). Not wired yet: until it is merged,
 * only the `fixture` scale runs (docs/BENCHMARKS.md).
 */
export async function generatePortfolio(_options: {
  out: string;
  accounts: number;
  months: number;
  seed: number;
}): Promise<void> {
  throw new Error('the portfolio generator is not wired yet: run with --scale fixture');
}

export const GENERATOR_WIRED = false;
