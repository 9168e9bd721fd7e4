import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/database.ts'
import { verifyAuditChain } from '../signoff/audit.ts'

/**
 * `pnpm --filter @ensemble/server audit:verify [--head <hash>]…`: checks the sign-off audit chain of
 * the database the server uses (DATA_DIR's SQLite file, or DATABASE_URL): links, hashes, and the
 * seal of each entry by the audit key the server keeps outside the database (AUDIT_KEY, or
 * DATA_DIR/audit-key), so a rewritten last entry is found too. `--head` names a head hash published
 * elsewhere (an export's signature page) that the chain must still hold. Prints the result as JSON;
 * exits 1 when the chain does not hold, 2 when no audit key is found. Reads only.
 */
const here = path.dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({ options: { head: { type: 'string', multiple: true } } })
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(here, '../../../data'))
const keyFile = path.join(dataDir, 'audit-key')
const key = process.env.AUDIT_KEY || (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null)
if (key === null) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: `no audit key: set AUDIT_KEY or DATA_DIR (looked for ${keyFile})` })}\n`)
  process.exit(2)
}
const database = openDatabase({ dataDir, databaseUrl: process.env.DATABASE_URL || null, onPoolError: () => undefined })
try {
  const result = await verifyAuditChain(database.db, { key, heads: values.head ?? [] })
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exitCode = result.ok ? 0 : 1
} finally {
  await database.close()
}
