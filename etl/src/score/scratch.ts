/** Scratch Memory tables of one training or scoring run, named from its id (never from input). */
import type { Db } from '@collections/schema';

export interface Scratch {
  readonly samples: string;
  readonly features: string;
  readonly model: string;
  readonly predictions: string;
}

export function scratchNames(id: string): Scratch {
  const tag = id.replace(/[^0-9a-f]/gi, '').slice(0, 32);
  return {
    samples: `ml_samples_${tag}`,
    features: `ml_features_${tag}`,
    model: `ml_model_${tag}`,
    predictions: `ml_predictions_${tag}`,
  };
}

export async function dropScratch(db: Pick<Db, 'client'>, scratch: Scratch): Promise<void> {
  for (const table of Object.values(scratch))
    await db.client.command({ query: `DROP TABLE IF EXISTS ${table}` });
}

/** An ISO instant as a ClickHouse DateTime64 parameter or JSONEachRow value (UTC, no zone letter). */
export function chTime(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
}
