/**
 * The committed GraphQL types (dashboard/src/gql/) must be what codegen makes
 * from the schema and the dashboard's documents today: regenerate with
 * `pnpm --filter @collections/dashboard codegen` when this fails.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const dashboardDir = fileURLToPath(new URL('..', import.meta.url));

describe('generated GraphQL types', () => {
  it('match the schema and the documents', async () => {
    const files = (await generate({ ...config, cwd: dashboardDir, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const committed = await readFile(join(dashboardDir, f.filename), 'utf8').catch(() => '');
      expect(committed, `${f.filename} is stale`).toBe(f.content);
    }
  });
});
