import { describe, expect, it } from 'vitest'
import { groupSessions } from '@ensemble/server/domain'

/** EDGE3: history groups a person's edits into sittings, whoever else writes meanwhile. */

const MIN = 60_000
/** [author, minute] per row, ids in order. */
type Row = [author: string | null, minute: number]
/** [author, first row id, last row id, edits] per session, in order of their first row. */
type Session = [author: string | null, first: number, last: number, edits: number]

const rows = (list: Row[]) => list.map(([authorId, minute], i) => ({ id: i + 1, authorId, createdAt: minute * MIN, touched: [`content/${i}`] }))

const cases: { name: string; rows: Row[]; sessions: Session[] }[] = [
  { name: 'no row, no session', rows: [], sessions: [] },
  {
    name: 'pauses of a few seconds to a few minutes stay one sitting',
    rows: [
      ['claire', 0],
      ['claire', 0.05],
      ['claire', 3],
      ['claire', 20],
      ['claire', 49],
    ],
    sessions: [['claire', 1, 5, 5]],
  },
  {
    name: 'a pause of 30 minutes or more starts a new sitting',
    rows: [
      ['claire', 0],
      ['claire', 29.9],
      ['claire', 59.9],
    ],
    sessions: [
      ['claire', 1, 2, 2],
      ['claire', 3, 3, 1],
    ],
  },
  {
    name: 'two people writing together: one sitting each, not one per turn',
    rows: [
      ['claire', 0],
      ['hugo', 0.1],
      ['claire', 0.2],
      ['hugo', 0.3],
      ['claire', 5],
      ['hugo', 6],
    ],
    sessions: [
      ['claire', 1, 5, 3],
      ['hugo', 2, 6, 3],
    ],
  },
  {
    name: 'a server change (restore, sign-off) in the middle does not cut a person’s sitting',
    rows: [
      ['claire', 0],
      [null, 1],
      ['claire', 2],
    ],
    sessions: [
      ['claire', 1, 3, 2],
      [null, 2, 2, 1],
    ],
  },
  {
    name: 'someone who comes back after the gap while others wrote starts anew',
    rows: [
      ['claire', 0],
      ['hugo', 20],
      ['hugo', 45],
      ['claire', 40],
    ],
    sessions: [
      ['claire', 1, 1, 1],
      ['hugo', 2, 3, 2],
      ['claire', 4, 4, 1],
    ],
  },
]

describe('EDGE3 history sessions are sittings', () => {
  it.each(cases)('[EDGE3] $name', ({ rows: list, sessions }) => {
    const grouped = groupSessions(rows(list))
    expect(grouped.map((s): Session => [s.authorId, s.firstRowId, s.lastRowId, s.edits])).toEqual(sessions)
    // Every row is in exactly one session, and sessions come in the order of their first row.
    expect(grouped.reduce((n, s) => n + s.edits, 0)).toBe(list.length)
    expect(grouped.map((s) => s.firstRowId)).toEqual([...grouped.map((s) => s.firstRowId)].sort((a, b) => a - b))
  })

  it('[EDGE3] a session spans from its first to its last edit and lists what it touched', () => {
    const [claire] = groupSessions(
      rows([
        ['claire', 0],
        ['hugo', 1],
        ['claire', 12],
      ]),
    )
    expect(claire).toMatchObject({ from: 0, to: 12 * MIN, touched: ['content/0', 'content/2'] })
  })

  it('[EDGE3] another gap can be asked for', () => {
    const list = rows([
      ['claire', 0],
      ['claire', 5],
      ['claire', 11],
    ])
    expect(groupSessions(list, 6 * MIN).map((s) => s.edits)).toEqual([2, 1])
    expect(groupSessions(list, 5 * MIN).map((s) => s.edits)).toEqual([1, 1, 1])
  })
})
