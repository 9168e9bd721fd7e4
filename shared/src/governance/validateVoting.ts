import type { RuleViolation } from '../rules/types.ts'
import { text, Violations } from '../rules/values.ts'
import { type BodyVoting, bodyVotingSchema, collegesOf, type QuorumSpec, requiredSeats } from './voting.ts'

const INPUTS = ['voting', 'seats', 'quorum'] as const

/**
 * The rules of a body's voting extension, as violations on the field `voting` (GOV1–GOV3): its shape;
 * non-negative weights, not all zero; colleges with distinct ids whose seats add up, partner by
 * partner, to the body's seats; every quorum reachable (at most the seats it counts, at least one).
 */
export function validateVoting(voting: unknown, body: { seats?: unknown; quorum?: unknown }, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  const parsed = bodyVotingSchema.safeParse(voting)
  if (!parsed.success) {
    v.add(
      'GOV1',
      'voting',
      text(
        'Règles de vote invalides (collèges, pondération, procurations, quorum, règles).',
        'Invalid voting rules (colleges, weighting, proxies, quorum, rules).',
      ),
      INPUTS,
    )
    return v.list
  }
  const seats = body.seats !== null && typeof body.seats === 'object' ? (body.seats as Record<string, unknown>) : {}
  const plainSeats = Object.fromEntries(Object.entries(seats).filter((e): e is [string, number] => typeof e[1] === 'number'))
  checkVoting(parsed.data, plainSeats, typeof body.quorum === 'number' ? body.quorum : 0, v)
  return v.list
}

function checkVoting(voting: BodyVoting, seats: Record<string, number>, bodyQuorum: number, v: Violations): void {
  const colleges = collegesOf({ seats, quorum: bodyQuorum, decisionRule: 'consensus', voting })
  if (colleges.some((c) => c.weight < 0)) {
    v.add('GOV2', 'voting', text('Un poids de vote est positif ou nul.', 'A vote weight is zero or more.'), INPUTS)
  } else if (voting.colleges.length > 0 && colleges.every((c) => c.weight === 0)) {
    v.add('GOV2', 'voting', text('Au moins un collège a un poids non nul.', 'At least one college has a weight above zero.'), INPUTS)
  }
  if (new Set(voting.colleges.map((c) => c.id)).size !== voting.colleges.length) {
    v.add('GOV3', 'voting', text('Deux collèges ont le même identifiant.', 'Two colleges share an id.'), INPUTS)
  }
  const byPartner = new Map<string, number>()
  for (const c of colleges) for (const [p, n] of Object.entries(c.seats)) byPartner.set(p, (byPartner.get(p) ?? 0) + n)
  const partners = new Set([...byPartner.keys(), ...Object.keys(seats)])
  if ([...partners].some((p) => (byPartner.get(p) ?? 0) !== (seats[p] ?? 0))) {
    v.add(
      'GOV3',
      'voting',
      text(
        'Les sièges des collèges, partenaire par partenaire, font les sièges de l’instance.',
        'The colleges’ seats, partner by partner, add up to the body’s seats.',
      ),
      INPUTS,
    )
  }
  const total = Object.values(seats).reduce((a, b) => a + b, 0)
  if (voting.quorum && !reachable(voting.quorum, total)) {
    v.add(
      'VAL15',
      'voting',
      text(
        `Quorum inatteignable : ${requiredSeats(voting.quorum, total)} sièges requis sur ${total}.`,
        `Unreachable quorum: ${requiredSeats(voting.quorum, total)} seats required out of ${total}.`,
      ),
      INPUTS,
    )
  }
  for (const c of colleges) {
    const collegeSeats = Object.values(c.seats).reduce((a, b) => a + b, 0)
    if (c.quorum && !reachable(c.quorum, collegeSeats)) {
      v.add('VAL15', 'voting', text(`Quorum du collège « ${c.name} » inatteignable.`, `Unreachable quorum for the college “${c.name}”.`), INPUTS)
    }
  }
}

/** Like VAL15: at most the seats counted, and at least one once there are seats. */
function reachable(spec: QuorumSpec, seats: number): boolean {
  const required = requiredSeats(spec, seats)
  return required <= seats && (seats === 0 || required >= 1)
}
