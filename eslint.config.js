import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.node/', '.cache/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    // The emulation and DSP core runs in Node, workers, tests and the browser alike.
    files: ['src-main/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src-main/core is pure TypeScript: no Node built-ins.' },
            { group: ['electron', 'electron/*'], message: 'src-main/core must not import Electron.' },
            {
              group: ['fs', 'path', 'os', 'worker_threads', 'child_process', 'stream', 'buffer', 'crypto'],
              message: 'src-main/core is pure TypeScript: no Node built-ins.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'process',
          'Buffer',
          'require',
          '__dirname',
          'localStorage',
          'HTMLElement',
          'HTMLCanvasElement',
        ].map((name) => ({
          name,
          message: 'src-main/core must not touch the DOM or Node globals.',
        })),
      ],
    },
  },
);
