// Lint, and the dependency rule of STYLE.md enforced by `no-restricted-imports`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const SERVICES = ['influencers', 'campanas', 'contratos', 'saga', 'bff'];
const INFRASTRUCTURE = [
  'fastify',
  'fastify/*',
  '@fastify/*',
  'slonik',
  'slonik/*',
  'pg',
  'pg/*',
  'avsc',
  'prom-client',
  '@alpes/pulsar',
  '@alpes/pulsar/*',
  '@alpes/eventstore/postgres',
  '@alpes/infra',
  '@alpes/infra/*',
  'node:*',
];

const deepImports = {
  group: ['@alpes/*/src/*', '@alpes/*/src'],
  message: 'Import a workspace through its package name and exports, never a deep src/ path.',
};
const services = {
  group: SERVICES.flatMap((s) => [`@alpes/${s}`, `@alpes/${s}/*`]),
  message: 'Libraries never import services; a service never imports another service.',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.data/**',
      '.build/**',
      '.cache/**',
      '**/target/**',
      'artifacts/**',
      'services/bff/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-depth': ['error', 4],
      'max-params': ['error', 4],
      ...restrict(deepImports),
    },
  },
  // Type-aware rules (issue 17): a promise nobody awaits or handles, a switch over a union that forgets a member.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  // A source file past 200 lines of code is a sign it holds two things (tests are lists of cases: exempt).
  {
    files: ['**/src/**/*.ts'],
    rules: { 'max-lines': ['warn', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['infra/**', 'pulsar/**', 'eventstore/**', 'outbox-relay/**', 'contracts/**', 'service-kit/**', 'tools/**'],
    rules: restrict(deepImports, services),
  },
  ...SERVICES.map((service) => ({
    files: [`services/${service}/**`],
    rules: restrict(deepImports, {
      group: SERVICES.filter((s) => s !== service).flatMap((s) => [`@alpes/${s}`, `@alpes/${s}/*`]),
      message: 'A service never imports another service; they meet through contracts on Pulsar or over HTTP.',
    }),
  })),
  {
    files: ['services/*/src/application/**'],
    rules: restrict(
      deepImports,
      {
        group: INFRASTRUCTURE,
        message: 'application/ adds only eventstore to the domain: no fastify, slonik, pg, avsc, Pulsar or node:*.',
      },
      { group: ['**/adapters/**', '**/app.ts', '**/main.ts'], message: 'application/ never reaches into adapters.' },
    ),
  },
  {
    files: ['services/*/src/domain/**'],
    rules: restrict(
      deepImports,
      {
        group: [...INFRASTRUCTURE, '@alpes/contracts', '@alpes/contracts/*'],
        message: 'domain/ is pure: it imports only its own files and eventstore types.',
      },
      { group: ['../*', '!../domain/*'], message: 'domain/ imports only its own files.' },
    ),
  },
);
