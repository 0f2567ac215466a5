/** The project's generator (etl generate), NDJSON, clean (no planted bad rows: the engines are compared on loaded data). */
import { generate } from '@collections/generator';

export async function generatePortfolio(options: {
  out: string;
  accounts: number;
  months: number;
  seed: number;
}): Promise<void> {
  await generate({ ...options, dirty: false, gzip: false });
}
