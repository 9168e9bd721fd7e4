import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

/** `pnpm start`: run Ensemble until SIGINT/SIGTERM, then drain and exit. */
const config = loadConfig()
const server = await startServer(config)

const lines = [
  '',
  `  Ensemble est prêt · Ensemble is ready: ${server.url}`,
  `  Données · data: ${config.dataDir}${config.databaseUrl ? ' (PostgreSQL)' : ' (SQLite)'}`,
]
if (server.demoLogins.length) {
  lines.push('  Comptes de démonstration · demo logins (mot de passe · password):')
  for (const l of server.demoLogins) lines.push(`    ${l.email.padEnd(34)} ${l.password}   ${l.role.padEnd(9)} ${l.label}`)
}
process.stdout.write(`${lines.join('\n')}\n\n`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    server.logger.info({ signal }, 'shutting down')
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        server.logger.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
