/**
 * GraphQL types for the dashboard, generated from the committed schema (STYLE.md:
 * never written by hand). SPEC §5 core queries that the merged API does not have
 * yet are supplied by schema.pending/<query>.graphql, each read only while
 * schema/schema.graphql lacks that query, so the real definition wins as soon as
 * it lands. Output is committed (src/gql/); scripts/codegen-drift.test.ts fails
 * when it drifts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const committed = readFileSync(here('../schema/schema.graphql'), 'utf8');

/** Pending files (`<query>.graphql`) whose root query `sdl` does not define. */
export function pendingFor(sdl: string, files: readonly string[]): string[] {
  return files
    .filter((f) => f.endsWith('.graphql'))
    .filter((f) => !new RegExp(`^\\s+${f.replace(/\.graphql$/, '')}\\(`, 'm').test(sdl))
    .sort()
    .map((f) => `schema.pending/${f}`);
}

export const pendingFiles = pendingFor(committed, readdirSync(here('schema.pending')));

const config: CodegenConfig = {
  schema: ['../schema/schema.graphql', ...pendingFiles],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      config: {
        // Documents as strings: the main bundle needs no GraphQL printer/parser.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
