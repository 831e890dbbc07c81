// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-firefox/**', 'release/**', 'node_modules/**', 'demo-output/**', 'reports/**', '.stryker-tmp/**', 'test/fixtures/portal/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Extension code goes through webextension-polyfill's `browser`, one promise-based API everywhere.
    // Page text is data: never parse it as markup.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', { name: 'chrome', message: "Use `browser` from 'webextension-polyfill'." }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Page text is data, never markup: use textContent or Preact.' },
        { property: 'outerHTML', message: 'Page text is data, never markup.' },
        { property: 'insertAdjacentHTML', message: 'Page text is data, never markup.' },
      ],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Page text is data, never markup.' }],
    },
  },
  {
    // The domain core is browser-free: it runs in Node for unit tests and in every extension context.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', 'preact', 'preact/*', '../background/*', '../content/*', '../popup/*', '../shared/*'] }],
    },
  },
);
