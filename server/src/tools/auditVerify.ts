import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../db/database.ts'
import { verifyAuditChain } from '../signoff/audit.ts'

/**
 * `pnpm --filter @ensemble/server audit:verify`: checks the sign-off audit chain of the database the
 * server uses (DATA_DIR's SQLite file, or DATABASE_URL). Prints the result as JSON; exits 1 and names
 * the first tampered entry when the chain does not hold. Reads only.
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const database = openDatabase({
  dataDir: path.resolve(process.env.DATA_DIR ?? path.join(here, '../../../data')),
  databaseUrl: process.env.DATABASE_URL ?? null,
  onPoolError: () => undefined,
})
try {
  const result = await verifyAuditChain(database.db)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exitCode = result.ok ? 0 : 1
} finally {
  await database.close()
}
