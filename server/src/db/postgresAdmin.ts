import pg from 'pg'

/**
 * Small administrative helpers around a PostgreSQL server (tests and the SQLite → PostgreSQL copy):
 * reachability, creating and dropping whole databases. Never used on the request path.
 */

/** Connects once and runs `SELECT 1`; resolves null when it works, else the reason it did not. */
export async function probePostgres(url: string, timeoutMs = 2_000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  // A refused connection emits 'error' as well as rejecting connect(): keep it from going unhandled.
  client.on('error', () => undefined)
  try {
    await client.connect()
    await client.query('SELECT 1')
    return null
  } catch (err) {
    return err instanceof Error ? err.message || err.name : String(err)
  } finally {
    await client.end().catch(() => undefined)
  }
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/

function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME.test(name)) throw new Error(`unsafe database name: ${JSON.stringify(name)}`)
}

/** The same server and credentials as `url`, on another database. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** Hides the password of a connection URL, for logs and reports. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '<invalid url>'
  }
}

async function withClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** CREATE DATABASE through an administrative connection (a role with CREATEDB). */
export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name)
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
}

/** DROP DATABASE … WITH (FORCE): also ends sessions still connected to it (PostgreSQL 13+). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  assertDatabaseName(name)
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}
