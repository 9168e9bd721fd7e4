import { type BodyMap, bodiesOf, buildBody, type College, DEFAULT_VOTING, type GovernanceBody, isOrderKey, keyBetween, newId } from '@ensemble/shared'
import * as Y from 'yjs'
import { replaceText } from '../collab/replaceText.ts'

/** Writes to the `governance` document: one field of one body per transaction. */
const bodyOf = (doc: Y.Doc, id: string): BodyMap | undefined => bodiesOf(doc).get(id)

export type BodyScalarField = 'name' | 'level' | 'decisionRule' | 'quorum' | 'cadence' | 'chair'

export function setBodyField(doc: Y.Doc, id: string, field: BodyScalarField, value: string | number | null): void {
  doc.transact(() => {
    const body = bodyOf(doc, id)
    if (body && body.get(field) !== value) body.set(field, value)
  })
}

/**
 * The quorum a body needs once its seats change, so it stays reachable (VAL15): at most the total
 * of seats, and at least 1 once there are seats. Changed together with the seats, in one edit.
 */
export function quorumForSeats(quorum: number, seats: Record<string, number>): number {
  const total = Object.values(seats).reduce((sum, n) => sum + n, 0)
  if (total === 0) return 0
  return Math.min(Math.max(quorum, 1), total)
}

export function setSeats(doc: Y.Doc, id: string, partnerId: string, seats: number): void {
  doc.transact(() => {
    const body = bodyOf(doc, id)
    if (!body) return
    const current = body.get('seats')
    const before = current instanceof Y.Map ? (current.toJSON() as Record<string, number>) : {}
    const quorum = quorumForSeats(Number(body.get('quorum')) || 0, { ...before, [partnerId]: seats })
    if (body.get('quorum') !== quorum) body.set('quorum', quorum)
    let map = body.get('seats')
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<number>()
      body.set('seats', map)
    }
    const seatsMap = map as Y.Map<number>
    if (seatsMap.get(partnerId) !== seats) seatsMap.set(partnerId, seats)
  })
}

export const collegeSeatsTotal = (college: College): number => Object.values(college.seats).reduce((a, b) => a + b, 0)

/**
 * Writes a body's colleges and its seats together, in one transaction, so the colleges' seats add
 * up to the body's partner by partner (GOV3): each partner's seats become its sum over the colleges
 * (without colleges the seats stay as they are), and the quorum follows them (VAL15). Nothing is
 * written when `check` refuses the change; its message is returned.
 */
export function setColleges(
  doc: Y.Doc,
  id: string,
  body: GovernanceBody,
  colleges: College[],
  check: (change: Partial<GovernanceBody>) => string | null,
): string | null {
  const seats: Record<string, number> = colleges.length ? {} : { ...body.seats }
  for (const college of colleges) for (const [partnerId, n] of Object.entries(college.seats)) seats[partnerId] = (seats[partnerId] ?? 0) + n
  // Partners that lose all their seats keep an explicit 0, as the seats grid writes it.
  for (const partnerId of Object.keys(body.seats)) seats[partnerId] ??= 0
  const change = { seats, quorum: quorumForSeats(body.quorum, seats), voting: { ...(body.voting ?? DEFAULT_VOTING), colleges } }
  const refusal = check(change)
  if (refusal) return refusal
  doc.transact(() => {
    const map = bodyOf(doc, id)
    if (!map) return
    let seatsMap = map.get('seats')
    if (!(seatsMap instanceof Y.Map)) {
      seatsMap = new Y.Map<number>()
      map.set('seats', seatsMap)
    }
    for (const [partnerId, n] of Object.entries(seats)) if ((seatsMap as Y.Map<number>).get(partnerId) !== n) (seatsMap as Y.Map<number>).set(partnerId, n)
    if (map.get('quorum') !== change.quorum) map.set('quorum', change.quorum)
    map.set('voting', change.voting)
  })
  return null
}

/** The mandate is a Y.Text: only the changed part is rewritten (see replaceText). */
export function setMandate(doc: Y.Doc, id: string, next: string): void {
  doc.transact(() => {
    const body = bodyOf(doc, id)
    if (!body) return
    const text = body.get('mandate')
    if (text instanceof Y.Text) replaceText(text, next)
    else body.set('mandate', new Y.Text(next))
  })
}

export function addBody(doc: Y.Doc, input: Omit<GovernanceBody, 'order'>): string {
  const id = newId()
  doc.transact(() => {
    let last: string | null = null
    bodiesOf(doc).forEach((body) => {
      const order = body.get('order')
      // A malformed key (written by an old client) must not block every later insertion.
      if (typeof order === 'string' && isOrderKey(order) && (last === null || order > last)) last = order
    })
    bodiesOf(doc).set(id, buildBody({ ...input, order: keyBetween(last, null) }))
  })
  return id
}

export function deleteBody(doc: Y.Doc, id: string): void {
  doc.transact(() => bodiesOf(doc).delete(id))
}
