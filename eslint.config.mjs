// ESLint 9 flat config. Bug-catching rules only: formatting is Prettier's job (eslint-config-prettier
// switches off every rule that would fight it). `npm run lint` = `eslint .`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS_FILES = ['src/**/*.ts', 'test/**/*.ts', 'migrations/**/*.ts', 'bench/**/*.ts'];

const focusedOrSkipped = ['it', 'describe', 'test'].flatMap((object) =>
  ['only', 'skip'].map((property) => ({
    object,
    property,
    message: `${object}.${property} must not be committed: it silently narrows the test run.`,
  })),
);

const noFocusedTests = {
  selector: 'CallExpression[callee.name=/^(xit|xdescribe|xtest|fit|fdescribe)$/]',
  message: 'Focused (f*) or skipped (x*) tests must not be committed.',
};

// All SQL of a module lives in its *.repository.ts (DESIGN.md "Modules"): `.query(` anywhere else
// in src/ is refused. Allowed where SQL is the job: repositories, migrations and their runner, the
// embedded server's bootstrap, tests and benchmarks (QUERY_ALLOWED below).
const noQueryOutsideRepositories = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
  message: 'SQL belongs in the module\'s *.repository.ts: move this .query( there (DESIGN.md "Modules").',
};
const noComputedQuery = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.value='query']",
  message: noQueryOutsideRepositories.message,
};
const QUERY_ALLOWED = [
  '**/*.repository.ts',
  'migrations/**',
  'src/database/migrate.ts',
  'src/database/embedded-server.ts',
  'src/database/runtime.ts',
  'src/database/multi-host.ts', // the connection layer's probe for a writable host, below any repository
  'test/**',
  'bench/**',
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', 'web/dist/'] },

  {
    name: 'huzhu/typescript',
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-aware rules that catch real bugs (from recommended-type-checked, without the
      // no-unsafe-* any-tracking family, which floods supertest bodies and adds no safety there).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/restrict-template-expressions': 'error',
      '@typescript-eslint/restrict-plus-operands': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-unsafe-unary-minus': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],

      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',

      // No focused or skipped tests.
      'no-restricted-properties': ['error', ...focusedOrSkipped],
      'no-restricted-syntax': ['error', noFocusedTests, noQueryOutsideRepositories, noComputedQuery],
    },
  },
  {
    name: 'huzhu/sql-where-allowed',
    files: QUERY_ALLOWED,
    rules: { 'no-restricted-syntax': ['error', noFocusedTests] },
  },

  {
    name: 'huzhu/js-config-files',
    files: ['**/*.{js,cjs,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
  },

  // Last: turn off every stylistic rule Prettier owns.
  prettier,
);
