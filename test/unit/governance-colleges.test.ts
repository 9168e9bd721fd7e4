import { bodiesOf, bodyEntity, buildBody, type College, type GovernanceBody, keyBetween, readBody, validateBody, workspaceContextFrom } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { setColleges } from '../../client/src/features/governance/governanceWrites.ts'

/** The colleges editor's write (GOV22): colleges and seats change together, in one transaction, so GOV3 always holds. */

const context = workspaceContextFrom([], [{ id: 'pA' }, { id: 'pB' }, { id: 'pC' }])
const entity = bodyEntity('b1')
const check = (body: GovernanceBody) => (change: Partial<GovernanceBody>) => {
  const violation = validateBody({ ...body, ...change }, context, entity)[0]
  return violation ? violation.rule : null
}

function bodyDoc(): { doc: Y.Doc; body: () => GovernanceBody; transactions: () => number } {
  const doc = new Y.Doc()
  bodiesOf(doc).set(
    'b1',
    buildBody({
      name: 'Assemblée',
      level: 'strategic',
      mandate: '',
      seats: { pA: 2, pB: 1 },
      decisionRule: 'simple_majority',
      quorum: 3,
      cadence: 'annual',
      chair: null,
      order: keyBetween(null, null),
    }),
  )
  let count = 0
  doc.on('afterTransaction', () => count++)
  return { doc, body: () => readBody(bodiesOf(doc).get('b1')!), transactions: () => count }
}

const college = (id: string, weight: number, seats: Record<string, number>): College => ({ id, name: id, weight, seats, quorum: null })

describe('[GOV22] editing colleges with the seats', () => {
  it('[GOV22] the body’s seats become the colleges’ sums, partner by partner, in one transaction the shared rules accept', () => {
    const { doc, body, transactions } = bodyDoc()
    // A new partner C gets a seat through its college; B moves to the public college.
    const colleges = [college('assoc', 1, { pA: 2 }), college('public', 3, { pB: 1, pC: 1 })]
    expect(setColleges(doc, 'b1', body(), colleges, check(body()))).toBeNull()
    expect(transactions()).toBe(1)
    expect(body().seats).toEqual({ pA: 2, pB: 1, pC: 1 })
    expect(body().voting?.colleges).toEqual(colleges)
    expect(validateBody(body(), context, entity)).toEqual([])
  })

  it('[GOV22] removing seats lowers the quorum so it stays reachable; a partner left without seats keeps an explicit 0', () => {
    const { doc, body } = bodyDoc()
    expect(setColleges(doc, 'b1', body(), [college('assoc', 1, { pA: 1 })], check(body()))).toBeNull()
    expect(body()).toMatchObject({ seats: { pA: 1, pB: 0 }, quorum: 1 })
    expect(validateBody(body(), context, entity)).toEqual([])
  })

  it('[GOV22] a change the rules refuse (a negative weight, an unknown partner) writes nothing; removing every college keeps the seats', () => {
    const { doc, body, transactions } = bodyDoc()
    expect(setColleges(doc, 'b1', body(), [college('assoc', -1, { pA: 2, pB: 1 })], check(body()))).toBe('GOV2')
    expect(setColleges(doc, 'b1', body(), [college('assoc', 1, { pA: 2, pZ: 1 })], check(body()))).not.toBeNull()
    expect(transactions()).toBe(0)
    expect(setColleges(doc, 'b1', body(), [college('assoc', 1, { pA: 2, pB: 1 })], check(body()))).toBeNull()
    expect(setColleges(doc, 'b1', body(), [], check(body()))).toBeNull()
    expect(body()).toMatchObject({ seats: { pA: 2, pB: 1 }, quorum: 3 })
    expect(body().voting?.colleges).toEqual([])
  })
})
