import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Auth, createAuth, createIdentify, migrateAuth } from '@ensemble/server/auth'
import { type DatabaseHandle, migrateToLatest, MIGRATION_NAMES, openDatabase } from '@ensemble/server/db'
import {
  acceptInvitation,
  createInvitation,
  createPartner,
  createWorkspace,
  deleteInvitation,
  deletePartner,
  getWorkspace,
  listInvitations,
  listMembers,
  listPartners,
  listWorkspaces,
  removeMember,
  renameWorkspace,
  updateMember,
  updatePartner,
} from '@ensemble/server/domain'
import { createLogger } from '@ensemble/server'
import { describePostgres, usePostgresDatabase } from '../helpers/postgres.ts'
import { removeDir, tempDataDir } from '../helpers/server.ts'

interface Column {
  name: string
  notNull: boolean
  primaryKey: boolean
}
type Schema = Record<string, Column[]>

/** Ensemble's and better-auth's tables as SQLite sees them (names, NOT NULL, primary key). */
function sqliteSchema(database: DatabaseHandle): Schema {
  const sqlite = database.sqlite!
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => {
      const columns = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; notnull: number; pk: number }[]
      // SQLite does not enforce NOT NULL on an INTEGER PRIMARY KEY column it does not declare so: read the key as not null.
      return [
        name,
        columns.map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0, primaryKey: c.pk > 0 })).sort((a, b) => a.name.localeCompare(b.name)),
      ]
    }),
  )
}

/** The same, from PostgreSQL's information_schema. */
async function postgresSchema(database: DatabaseHandle): Promise<Schema> {
  const { rows } = await database.pgPool!.query<{ table_name: string; column_name: string; is_nullable: string; pk: boolean }>(`
    SELECT c.table_name, c.column_name, c.is_nullable,
           EXISTS (SELECT 1 FROM information_schema.table_constraints tc
                     JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
                    WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'
                      AND tc.table_name = c.table_name AND k.column_name = c.column_name) AS pk
      FROM information_schema.columns c
     WHERE c.table_schema = 'public'`)
  const schema: Schema = {}
  for (const r of rows) (schema[r.table_name] ??= []).push({ name: r.column_name, notNull: r.is_nullable === 'NO', primaryKey: r.pk })
  for (const columns of Object.values(schema)) columns.sort((a, b) => a.name.localeCompare(b.name))
  return Object.fromEntries(Object.entries(schema).sort(([a], [b]) => a.localeCompare(b)))
}

function authFor(database: DatabaseHandle): Auth {
  return createAuth({
    db: database.db,
    dialect: database.dialect,
    secret: 'a-test-secret-of-at-least-32-characters!',
    baseURL: 'http://127.0.0.1:9',
    trustedOrigins: [],
    rateLimit: { windowSeconds: 60, signInMax: 1000, signUpMax: 1000 },
    logger: createLogger('warn'),
  })
}

/** What the server does at start: Ensemble's migrations, then better-auth's tables. */
async function migrateAll(database: DatabaseHandle): Promise<Auth> {
  await migrateToLatest(database.db, database.dialect)
  const auth = authFor(database)
  await migrateAuth(auth)
  return auth
}

/**
 * Every domain query and better-auth's sign-up on one database, with a scripted clock. Returns what
 * the API would answer, ids replaced by readable names so two databases can be compared.
 */
async function domainScenario(database: DatabaseHandle, auth: Auth) {
  const { db } = database
  let t = Date.UTC(2026, 0, 5, 9, 0, 0)
  const clock = () => new Date((t += 1_000))
  const names = new Map<string, string>()
  const signUp = async (name: string, email: string) => {
    const { user } = await auth.api.signUpEmail({ body: { name, email, password: 'motdepasse-solide-1' } })
    names.set(user.id, `user:${name}`)
    return user.id
  }
  const alice = await signUp('Alice', 'alice@example.org')
  const bob = await signUp('Bob', 'bob@example.org')
  const dan = await signUp('Dan', 'dan@example.org')
  const workspaceId = await createWorkspace(db, alice, 'Alliance', clock)
  names.set(workspaceId, 'workspace')
  const littoral = await createPartner(db, workspaceId, { name: 'Littoral', type: 'association' }, clock)
  const mairie = await createPartner(db, workspaceId, { name: 'Mairie', type: 'collectivite_territoriale' }, clock)
  const temporary = await createPartner(db, workspaceId, { name: 'Temporaire', type: 'entreprise' }, clock)
  for (const [id, name] of [
    [littoral, 'Littoral'],
    [mairie, 'Mairie'],
    [temporary, 'Temporaire'],
  ] as const)
    names.set(id, `partner:${name}`)

  // Everyone is invited, registered or not, and joins by accepting the link (ACCT1–ACCT3).
  const keys = { secret: 'a-test-secret-of-at-least-32-characters!', ttlMs: 7 * 24 * 3600 * 1000, clock }
  const bobLink = await createInvitation(db, workspaceId, alice, { email: 'bob@example.org', role: 'editor', partnerId: littoral, representative: true }, keys)
  const danLink = await createInvitation(db, workspaceId, alice, { email: 'dan@example.org', role: 'observer', partnerId: temporary }, keys)
  const carolLink = await createInvitation(
    db,
    workspaceId,
    alice,
    { email: 'carol@example.org', role: 'commenter', partnerId: mairie, representative: true },
    keys,
  )
  const erinLink = await createInvitation(db, workspaceId, alice, { email: 'erin@example.org', role: 'editor' }, keys)
  const invitationsBefore = await listInvitations(db, workspaceId, clock)
  await acceptInvitation(db, bobLink.token, { id: bob, email: 'bob@example.org' }, keys)
  await acceptInvitation(db, danLink.token, { id: dan, email: 'dan@example.org' }, keys)
  // Signing up joins nothing by itself; Carol's link does (a transaction on either dialect).
  const carol = await signUp('Carol', 'carol@example.org')
  const workspacesOfCarolBeforeAccepting = await listWorkspaces(db, carol)
  await acceptInvitation(db, carolLink.token, { id: carol, email: 'carol@example.org' }, keys)
  await deleteInvitation(db, workspaceId, erinLink.invitationId)
  await updateMember(db, workspaceId, bob, { role: 'steering', partnerId: mairie })
  await updatePartner(db, workspaceId, littoral, { name: 'Association Littoral' })
  await deletePartner(db, workspaceId, temporary)
  await renameWorkspace(db, workspaceId, 'Alliance Océans')
  await removeMember(db, workspaceId, dan)
  const identity = await createIdentify(db)(workspaceId, carol, 'plan')

  // Ids (and the colours derived from them) are random: compare names instead.
  const rename = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'color' ? undefined : typeof v === 'string' && names.has(v) ? names.get(v) : v)))
  return rename({
    invitationsBefore: invitationsBefore.map(({ id: _id, invitedAt: _at, sentAt: _sent, expiresAt: _exp, ...rest }) => rest),
    workspacesOfCarolBeforeAccepting,
    invitationsAfter: await listInvitations(db, workspaceId),
    members: await listMembers(db, workspaceId),
    partners: await listPartners(db, workspaceId),
    workspaces: await listWorkspaces(db, alice),
    workspacesOfDan: await listWorkspaces(db, dan),
    workspace: await getWorkspace(db, workspaceId),
    identity,
  })
}

describePostgres('one migration set on SQLite and PostgreSQL', () => {
  const databaseUrl = usePostgresDatabase()
  const dataDir = tempDataDir('ensemble-scale1-')
  let sqlite: DatabaseHandle
  let postgres: DatabaseHandle
  let sqliteAuth: Auth
  let postgresAuth: Auth

  beforeAll(async () => {
    sqlite = openDatabase({ dataDir, databaseUrl: null })
    postgres = openDatabase({ dataDir, databaseUrl: databaseUrl() })
    sqliteAuth = await migrateAll(sqlite)
    postgresAuth = await migrateAll(postgres)
  })
  afterAll(async () => {
    await sqlite?.close()
    await postgres?.close()
    removeDir(dataDir)
  })

  it('[SCALE1] the same migrations create the same tables, columns, NOT NULLs and keys on both dialects', async () => {
    const onSqlite = sqliteSchema(sqlite)
    const onPostgres = await postgresSchema(postgres)
    expect(Object.keys(onPostgres)).toEqual(Object.keys(onSqlite))
    expect(onPostgres).toEqual(onSqlite)
    for (const table of ['user', 'session', 'account', 'verification', 'workspace', 'partner', 'member', 'invitation', 'doc_updates', 'doc_snapshots']) {
      expect(onPostgres).toHaveProperty(table)
    }
    // The update log holds bytes and 64-bit integers on PostgreSQL.
    const { rows } = await postgres.pgPool!.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name IN ('doc_updates', 'doc_snapshots') ORDER BY table_name, column_name",
    )
    expect(rows.filter((r) => r.column_name === 'data').map((r) => r.data_type)).toEqual(['bytea', 'bytea'])
    expect(rows.filter((r) => ['id', 'created_at', 'last_update_id', 'updated_at'].includes(r.column_name)).every((r) => r.data_type === 'bigint')).toBe(true)
  })

  it('[SCALE1] migrating again is a no-op on both dialects', async () => {
    for (const database of [sqlite, postgres]) {
      await migrateAll(database)
      const applied = await database.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute()
      expect(applied.map((r) => (r as { name: string }).name)).toEqual([...MIGRATION_NAMES])
    }
  })

  it('[SCALE1] every domain query and better-auth answer the same on both dialects', async () => {
    const onSqlite = await domainScenario(sqlite, sqliteAuth)
    const onPostgres = await domainScenario(postgres, postgresAuth)
    expect(onPostgres).toEqual(onSqlite)
    // And what they answer is right (not merely equally wrong).
    expect(onPostgres).toMatchObject({
      workspacesOfCarolBeforeAccepting: [],
      invitationsBefore: [
        { email: 'bob@example.org', role: 'editor', partnerId: 'partner:Littoral', representative: true, expired: false },
        { email: 'dan@example.org', role: 'observer', partnerId: 'partner:Temporaire', representative: false, expired: false },
        { email: 'carol@example.org', role: 'commenter', partnerId: 'partner:Mairie', representative: true },
        { email: 'erin@example.org', role: 'editor', partnerId: null, representative: false },
      ],
      invitationsAfter: [],
      members: [
        { userId: 'user:Alice', role: 'admin', partnerId: null, representative: false },
        { userId: 'user:Bob', role: 'steering', partnerId: 'partner:Mairie', representative: false },
        { userId: 'user:Carol', role: 'commenter', partnerId: 'partner:Mairie', representative: true },
      ],
      partners: [
        { name: 'Association Littoral', representativeId: null },
        { name: 'Mairie', representativeId: 'user:Carol' },
      ],
      workspaces: [{ id: 'workspace', name: 'Alliance Océans', role: 'admin' }],
      workspacesOfDan: [],
      identity: { userId: 'user:Carol', role: 'commenter', partnerId: 'partner:Mairie', partnerName: 'Mairie', name: 'Carol', locale: 'fr' },
    })
  })
})
