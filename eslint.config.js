import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'dashboard/src/gql/**',
      'tests/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // process.env is read in one place per process (schema/src/env.ts), see STYLE.md.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Use loadEnv() from @collections/schema/env.',
        },
      ],
    },
  },
  {
    files: [
      'schema/src/env.ts',
      '**/*.config.ts',
      '**/*.config.js',
      'tests/**/*.ts',
      '**/*.test.ts',
      'etl/src/testing/cli-support.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
);
