import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Only these may be imported by the platform-agnostic core: no chat SDK, database or HTTP server. */
const PLATFORM_MODULES = ['@slack/*', 'discord.js', '@discordjs/*', 'grammy', 'better-sqlite3', 'pg', 'pg-boss', 'pino', 'undici', 'node:http', 'node:https', 'http', 'https'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'var/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/app/**', '**/store/**'], message: 'src/core is platform-agnostic: it must not import adapters, app or store.' },
            { group: PLATFORM_MODULES, message: 'src/core must not import chat SDKs, databases, HTTP or logging: that belongs in adapters/app/store.' },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/*', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly' } },
  },
  {
    // Plain-JS bench processes that run the compiled bot.
    files: ['bench/*.mjs'],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', performance: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setTimeout: 'readonly' } },
  },
);
