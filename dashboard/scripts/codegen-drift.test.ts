/**
 * The committed GraphQL types (dashboard/src/gql/) must be what codegen makes
 * from the schema and the dashboard's documents today: regenerate with
 * `pnpm --filter @collections/dashboard codegen` when this fails.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const dashboardDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Source files that hold no GraphQL document, as codegen exclusions: codegen
 * would parse each one (Babel) only to find nothing, most of this test's time.
 * The config's own globs still decide which files are read.
 */
function withoutDocuments(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f))
    .filter((f) => !/graphql\(|gql`|\/\* GraphQL \*\//.test(readFileSync(join(dir, f), 'utf8')))
    .map((f) => `!${relative(dashboardDir, join(dir, f))}`);
}

describe('generated GraphQL types', () => {
  it('match the schema and the documents', async () => {
    const own = config.documents ?? [];
    const documents = [
      ...(Array.isArray(own) ? own : [own]),
      ...withoutDocuments(join(dashboardDir, 'src')),
    ];
    const files = (await generate(
      { ...config, documents, cwd: dashboardDir, silent: true },
      false,
    )) as { filename: string; content: string }[];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const committed = await readFile(join(dashboardDir, f.filename), 'utf8').catch(() => '');
      expect(committed, `${f.filename} is stale`).toBe(f.content);
    }
  });
});
