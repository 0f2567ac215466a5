/**
 * GraphQL types for the dashboard, generated from the committed schema (STYLE.md:
 * never written by hand). Until the API branches land their types in
 * schema/schema.graphql, the SPEC §5 core copy in schema.core.graphql stands in.
 * Output is committed (src/gql/); src/gql.test.ts fails when it drifts.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

export const schemaFile = 'schema.core.graphql';

const config: CodegenConfig = {
  schema: schemaFile,
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
