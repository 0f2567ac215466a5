/**
 * GraphQL types for the dashboard, generated from the committed schema (STYLE.md:
 * never written by hand). Output is committed (src/gql/);
 * scripts/codegen-drift.test.ts fails when it drifts.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
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
