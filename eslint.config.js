import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** No import reaches into another package's src/ (STYLE.md): packages use each other's `exports`. */
const CROSS_PACKAGE = [
  {
    regex: '^@collections/[^/]+/src(/|$)',
    message: "Import the package's export (its package.json `exports`), not its src/.",
  },
  {
    regex: '^(\\.\\./)+(schema|etl|generator|api|app|dashboard|bench|tests)/src(/|$)',
    message:
      "Another package's src/ by path: import it as @collections/<package>, adding a named export if needed.",
  },
];

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
      // Packages use each other through their package.json `exports` (STYLE.md):
      // nothing reaches into another package's src/.
      'no-restricted-imports': ['error', { patterns: CROSS_PACKAGE }],
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
  {
    // Loading never needs the generator (docs/decisions/006-generator-package.md):
    // only the ETL's tests use generated portfolios as fixtures.
    files: ['etl/**/*.ts'],
    ignores: ['**/*.test.ts', 'etl/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CROSS_PACKAGE,
            {
              group: ['@collections/generator', '@collections/generator/*'],
              message:
                'etl does not depend on the generator: app/src/etl-command.ts wires `etl generate`.',
            },
          ],
        },
      ],
    },
  },
);
