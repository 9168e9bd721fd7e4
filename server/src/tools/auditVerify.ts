import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/database.ts'
import { headTime, parseHead } from '../domain/signoff/head.ts'
import type { AuditProblem } from '../domain/signoff/integrity/problem.ts'
import { verifyAudit, type AuditVerification } from '../domain/signoff/integrity/verify.ts'
import { PostgresDocStore } from '../storage/postgresDocStore.ts'
import { SqliteDocStore } from '../storage/sqliteDocStore.ts'

/**
 * `pnpm --filter @ensemble/server audit:verify [--head <hash>]… [--json]`: checks what the sign-off
 * audit trail claims in the database the server uses (DATA_DIR's SQLite file, or DATABASE_URL) —
 * every entry sealed by the audit key the server keeps outside the database (AUDIT_KEY, or
 * DATA_DIR/audit-key) and in its place in the chain, every round and answer row and every adopted
 * text against the sealed entries — and that each head a partner holds (`--head`, the full hash or
 * its short form, printed on exports and in confirmation emails) is still in the chain. Prints a
 * report in French and English (`--json`: the result as JSON). Exits 0 when everything holds, 1 when
 * something does not, 2 without an audit key or with a head that is not one. Reads only.
 */
/** At most this many problems are printed (all of them with --json). */
const PRINTED_PROBLEMS = 50

const here = path.dirname(fileURLToPath(import.meta.url))
const { values } = parseArgs({ options: { head: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } } })
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(here, '../../../data'))
const keyFile = path.join(dataDir, 'audit-key')

function refuse(fr: string, en: string): never {
  if (values.json) process.stdout.write(`${JSON.stringify({ ok: false, error: en })}\n`)
  else process.stdout.write(`${fr}\n${en}\n`)
  process.exit(2)
}

const key = process.env.AUDIT_KEY || (existsSync(keyFile) ? readFileSync(keyFile, 'utf8').trim() : null)
if (!key)
  refuse(
    `Pas de clé d’audit : définissez AUDIT_KEY ou DATA_DIR (cherchée dans ${keyFile}).`,
    `No audit key: set AUDIT_KEY or DATA_DIR (looked for ${keyFile}).`,
  )
const given = values.head ?? []
const heads = given.map(
  (text) =>
    parseHead(text) ??
    refuse(`--head « ${text} » n’est pas une tête : 16 à 64 chiffres hexadécimaux.`, `--head "${text}" is not a head: 16 to 64 hexadecimal digits.`),
)

const databaseUrl = process.env.DATABASE_URL || null
const sqliteFile = path.join(dataDir, 'ensemble.sqlite')
// Opening a missing SQLite file would create an empty one: this command only reads.
if (!databaseUrl && !existsSync(sqliteFile))
  refuse(
    `Pas de base Ensemble : ${sqliteFile} n’existe pas (DATA_DIR ou DATABASE_URL).`,
    `No Ensemble database: ${sqliteFile} does not exist (DATA_DIR or DATABASE_URL).`,
  )
const database = openDatabase({ dataDir, databaseUrl, onPoolError: () => undefined })
try {
  const store = database.pgPool ? new PostgresDocStore(database.pgPool) : new SqliteDocStore(database.sqlite!)
  try {
    const result = await verifyAudit(database.db, store, { key, heads })
    process.stdout.write(values.json ? `${JSON.stringify(result)}\n` : report(result, given))
    process.exitCode = result.ok ? 0 : 1
  } finally {
    await store.close()
  }
} catch (err) {
  await database.close()
  refuse(`La base ne se lit pas : ${String(err)}`, `The database cannot be read: ${String(err)}`)
}
await database.close()

function report(result: AuditVerification, givenHeads: readonly string[]): string {
  const lines = ['Journal d’audit des signatures · Sign-off audit trail']
  lines.push(
    `  Vérifié · checked: ${result.entries} entrée(s) · entries, ${result.rounds} tour(s) · rounds, ${result.versions} version(s), ${result.adoptedTexts} texte(s) adopté(s) · adopted texts`,
  )
  for (const head of result.heads) {
    lines.push(`  Tête de l’alliance · head of alliance ${head.workspaceId}: entrée n° ${head.seq} · entry ${head.seq}, ${headTime(head.at)}`)
    lines.push(`      ${head.short}   (${head.hash})`)
  }
  if (result.heads.length === 0) lines.push('  Aucune entrée · no entry.')
  for (const head of givenHeads) {
    const missing = result.missingHeads.includes(parseHead(head)!)
    lines.push(
      missing
        ? `  ✘ Tête donnée absente de la chaîne (coupée ou réécrite après elle) · given head not in the chain (cut or rewritten after it): ${head}`
        : `  ✔ Tête donnée trouvée dans la chaîne · given head found in the chain: ${head}`,
    )
  }
  if (result.headsGiven === 0) {
    lines.push(
      '  ! Sans --head, la suppression des dernières entrées ne peut pas être détectée : comparez la tête ci-dessus à celle',
      '    imprimée sur votre dernier export ou reçue dans votre courriel de confirmation, ou donnez-la avec --head.',
      '    Without --head, deleting the last entries cannot be detected: compare the head above with the one printed on',
      '    your latest export or in your confirmation email, or pass it with --head.',
    )
  }
  for (const p of result.problems.slice(0, PRINTED_PROBLEMS)) lines.push(...problemLines(p))
  const more = result.problems.length - PRINTED_PROBLEMS
  if (more > 0) lines.push(`  … et ${more} autre(s) · and ${more} more (--json: tous · all)`)
  const failures = result.problems.length + result.missingHeads.length
  lines.push(result.ok ? 'Résultat · result: OK' : `Résultat · result: ÉCHEC · FAILED, ${failures} problème(s) · problem(s)`)
  return `${lines.join('\n')}\n`
}

function problemLines(p: AuditProblem): string[] {
  const where = [`alliance ${p.workspaceId}`, p.seq !== null ? `entrée n° ${p.seq} · entry ${p.seq}` : null, p.row].filter(Boolean).join(', ')
  return [`  ✘ ${where}:`, `      ${p.message.fr}`, `      ${p.message.en}`]
}
