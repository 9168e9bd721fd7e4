import * as Y from 'yjs'
import type { GovernanceBody } from '../entities/governanceBody.ts'
import { ROOT } from './documents.ts'

/** Typed access to the `governance` document: bodies are Y.Maps, seats a nested Y.Map partnerId → count. */
export type BodyMap = Y.Map<unknown>

export const bodiesOf = (doc: Y.Doc): Y.Map<BodyMap> => doc.getMap<BodyMap>(ROOT.bodies)

export function readBody(body: BodyMap): GovernanceBody {
  const seats = body.get('seats')
  const mandate = body.get('mandate')
  return {
    name: body.get('name') as string,
    level: body.get('level') as GovernanceBody['level'],
    mandate: mandate instanceof Y.Text ? mandate.toString() : typeof mandate === 'string' ? mandate : '',
    seats: seats instanceof Y.Map ? (seats.toJSON() as Record<string, number>) : {},
    decisionRule: body.get('decisionRule') as GovernanceBody['decisionRule'],
    quorum: body.get('quorum') as number,
    cadence: body.get('cadence') as GovernanceBody['cadence'],
    chair: (body.get('chair') as string | null | undefined) ?? null,
    order: body.get('order') as string,
    voting: (body.get('voting') as GovernanceBody['voting']) ?? null,
  }
}

export function buildBody(input: GovernanceBody): BodyMap {
  const body = new Y.Map<unknown>()
  body.set('name', input.name)
  body.set('level', input.level)
  body.set('mandate', new Y.Text(input.mandate))
  body.set('seats', new Y.Map(Object.entries(input.seats)))
  body.set('decisionRule', input.decisionRule)
  body.set('quorum', input.quorum)
  body.set('cadence', input.cadence)
  body.set('chair', input.chair)
  body.set('order', input.order)
  // Written as one plain value: colleges and rules change together and must stay consistent.
  if (input.voting) body.set('voting', input.voting)
  return body
}

/** Total number of seats of a body. */
export const totalSeats = (body: Pick<GovernanceBody, 'seats'>): number => Object.values(body.seats).reduce((sum, n) => sum + n, 0)
