// ESLint flat config: typescript-eslint's type-checked rules on the TypeScript (src, test, bench,
// scripts), plain recommended rules on the JavaScript scripts. Formatting is prettier's job
// (npm run lint runs both; npm run format rewrites).
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bfx/'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Unused names are errors, except the ones named _ on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The SQLite engine is synchronous behind the async Catalog interface that the servers need.
      '@typescript-eslint/require-await': 'off',
      // Template literals print numbers and the like on purpose in messages.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowNullish: true },
      ],
    },
  },
  {
    // Text reaches a step's log only through the gate against workflow commands (src/log-text.ts):
    // the action writes through src/action/log.ts, bfx through the print functions of its index.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/action/log.ts', 'src/cli/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='core'][property.name=/^(info|notice|warning|error|setFailed)$/]",
          message: 'Write to the log through src/action/log.ts, the gate against workflow commands.',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'console', message: 'Print through src/cli/index.ts, the gate against workflow commands.' },
        { object: 'process', property: 'stdout', message: 'Print through the gate of src/log-text.ts.' },
        { object: 'process', property: 'stderr', message: 'Print through the gate of src/log-text.ts.' },
      ],
    },
  },
  {
    // Tests read JSON a command printed and use vitest's asymmetric matchers, both typed any;
    // their assertions, not the types, are what checks those values.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The JavaScript files (scripts/*.mjs, this config) are not in the TypeScript project.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
