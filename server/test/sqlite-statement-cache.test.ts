import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from '../src/db/database.ts'

function memberTable() {
  const db = new BetterSqlite3(':memory:')
  db.exec('create table member (id text primary key, role text)')
  const insert = db.prepare('insert into member values (?, ?)')
  for (let i = 0; i < 5; i++) insert.run(`m${i}`, i % 2 ? 'editor' : 'observer')
  return db
}

describe('SQLite statements prepared once per SQL text', () => {
  it('reuses the statement of a repeated query, with each call’s own parameters', async () => {
    const cached = withStatementCache(memberTable())
    const first = cached.prepare('select role from member where id = ?')
    expect(cached.prepare('select role from member where id = ?')).toBe(first)
    const kysely = new Kysely<{ member: { id: string; role: string } }>({ dialect: new SqliteDialect({ database: cached }) })
    const roles = await Promise.all(['m0', 'm1', 'm2'].map((id) => kysely.selectFrom('member').select('role').where('id', '=', id).executeTakeFirstOrThrow()))
    expect(roles.map((r) => r.role)).toEqual(['observer', 'editor', 'observer'])
    await kysely.updateTable('member').set({ role: 'admin' }).where('id', '=', 'm0').execute()
    await expect(kysely.selectFrom('member').select('role').where('id', '=', 'm0').executeTakeFirstOrThrow()).resolves.toEqual({ role: 'admin' })
  })

  it('gives a statement still iterating its rows to no one else, and forgets the least recently used past its size', () => {
    const cached = withStatementCache(memberTable(), 2)
    const sql = 'select id from member order by id'
    const iterating = cached.prepare(sql)
    const rows = iterating.iterate([])
    rows.next()
    const other = cached.prepare(sql)
    expect(other).not.toBe(iterating)
    expect(other.all([])).toHaveLength(5)
    rows.return?.()
    expect(cached.prepare(sql)).toBe(iterating)

    const small = withStatementCache(memberTable(), 2)
    const one = small.prepare('select 1')
    const two = small.prepare('select 2')
    expect(small.prepare('select 1')).toBe(one) // used again: now the most recent
    small.prepare('select 3') // over the size: the least recently used ('select 2') goes
    expect(small.prepare('select 1')).toBe(one)
    expect(small.prepare('select 2')).not.toBe(two)
  })
})
