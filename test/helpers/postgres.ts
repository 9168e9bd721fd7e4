import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe } from 'vitest'
import { createDatabase, dropDatabase, probePostgres, redactUrl, withDatabase } from '@ensemble/server/db'

/**
 * PostgreSQL for integration tests. Each test file gets its own database (`ensemble_test_<random>`),
 * created through an administrative connection and dropped WITH (FORCE) after the file.
 *
 * The administrative URL is TEST_POSTGRES_URL when set (a role allowed to CREATE DATABASE), else the
 * first of the local defaults that answers. When none answers, PostgreSQL tests are skipped with a
 * warning — except under CI=true, where an unreachable PostgreSQL fails the run.
 */
const CANDIDATES = process.env.TEST_POSTGRES_URL
  ? [process.env.TEST_POSTGRES_URL]
  : ['postgres://postgres@127.0.0.1:5432/postgres', 'postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']

const isCi = process.env.CI === 'true' || process.env.CI === '1'

async function findAdminUrl(): Promise<{ url: string | null; reasons: string[] }> {
  const reasons: string[] = []
  for (const url of CANDIDATES) {
    const reason = await probePostgres(url)
    if (reason === null) return { url, reasons }
    reasons.push(`${redactUrl(url)}: ${reason}`)
  }
  return { url: null, reasons }
}

const found = await findAdminUrl()

if (!found.url) {
  const banner = [
    '',
    '='.repeat(78),
    `PostgreSQL not reachable at ${CANDIDATES.map(redactUrl).join(' or ')} — skipping PostgreSQL tests.`,
    ...found.reasons.map((r) => `  ${r}`),
    'Set TEST_POSTGRES_URL to a role that may CREATE DATABASE to run them.',
    '='.repeat(78),
    '',
  ].join('\n')
  if (isCi) throw new Error(`${banner}\nCI=true: PostgreSQL tests must run in CI, failing instead of skipping.`)
  console.warn(banner)
}

/** The administrative URL in use, or null when PostgreSQL tests are skipped. */
export const postgresAdminUrl: string | null = found.url
export const postgresAvailable = found.url !== null

/** `describe`, skipped (after the warning above) when PostgreSQL is not reachable outside CI. */
export const describePostgres = describe.skipIf(!postgresAvailable)

export interface TestDatabase {
  name: string
  url: string
  drop(): Promise<void>
}

/** A new, empty database on the test server. Prefer `usePostgresDatabase()` inside a describe. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!postgresAdminUrl) throw new Error('PostgreSQL is not available')
  const adminUrl = postgresAdminUrl
  const name = `ensemble_test_${randomBytes(6).toString('hex')}`
  await createDatabase(adminUrl, name)
  return { name, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) }
}

/**
 * Registers beforeAll/afterAll in the current describe: one fresh database for it, dropped at the end.
 * Returns a getter for its URL (valid once beforeAll has run).
 */
export function usePostgresDatabase(): () => string {
  let database: TestDatabase | null = null
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database?.drop()
  })
  return () => {
    if (!database) throw new Error('the test database is created in beforeAll')
    return database.url
  }
}
