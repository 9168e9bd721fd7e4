/**
 * The import boundaries of the workspace (`pnpm lint` runs them: `depcruise --config .dependency-cruiser.cjs client server shared test`).
 * Type-only imports count: a cycle through types is still a cycle a reader has to untangle.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module imports itself back, directly or through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-no-node-builtins',
      severity: 'error',
      comment: 'shared/ runs in the browser and on the server: no Node builtin (fs, net, crypto…).',
      from: { path: '^shared/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-io-packages',
      severity: 'error',
      comment: 'shared/ is pure TypeScript: no database, network, mail, log or HTTP package.',
      from: { path: '^shared/src' },
      to: { path: 'node_modules/(ws|better-sqlite3|pg|pg-[^/]+|ioredis|kysely|hono|@hono/[^/]+|better-auth|nodemailer|pino|pdfkit|undici)/' },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ imports nothing of the packages built on it.',
      from: { path: '^shared/src' },
      to: { path: '^(server|client|test)/' },
    },
    {
      name: 'collab-not-http-or-domain',
      severity: 'error',
      comment: 'The collaboration core knows nothing of Hono routes or the domain services: they are injected (onEditAccepted, loadWorkspaceContext).',
      from: { path: '^server/src/collab/' },
      to: { path: '^server/src/(http|domain)/' },
    },
    {
      name: 'client-no-server-at-runtime',
      severity: 'error',
      comment: "The client only takes the API's type from the server (`import type { Api } from '@ensemble/server/api'`), erased at build.",
      from: { path: '^client/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-no-client',
      severity: 'error',
      comment: 'The server serves the built client as files; it never imports its sources.',
      from: { path: '^server/' },
      to: { path: '^client/' },
    },
    {
      name: 'tests-import-packages-by-name',
      severity: 'error',
      comment:
        'test/ reaches the server and shared code through their package exports (@ensemble/server/…, @ensemble/shared), never by a relative path into their sources.',
      from: { path: '^test/' },
      to: { path: '^(server|shared)/src/', dependencyTypes: ['local'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves to a file or an installed package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|artifacts)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    cache: false,
  },
}
