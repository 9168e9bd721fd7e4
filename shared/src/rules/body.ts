import { DECISION_RULES, BODY_LEVELS, MEETING_CADENCES, type GovernanceBody } from '../entities/governanceBody.ts'
import { validateVoting } from '../governance/validateVoting.ts'
import { LIMITS } from '../limits.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { isBoundedString, isIntegerIn, isOrder, isRef, isTitle, text, Violations } from './values.ts'

/** A governance body as read from a document: the fields of `GovernanceBody`, values untrusted. */
export type BodyLike = { readonly [K in keyof GovernanceBody]?: unknown }

export const BODY_FIELDS = [
  'name',
  'level',
  'mandate',
  'seats',
  'decisionRule',
  'quorum',
  'cadence',
  'chair',
  'order',
  'voting',
] as const satisfies readonly (keyof GovernanceBody)[]

export const bodyEntity = (id: string): string => `bodies/${id}`

const MAX_SEATS_PER_PARTNER = 1000

/**
 * Every rule about one governance body (VAL1, VAL2, VAL15–VAL17), as a list of violations: a name,
 * known level and cadence, seats held by partners of the alliance, a reachable quorum (at most the
 * total of seats, at least 1 once there are seats), an allowed decision rule and, when the body has
 * one, a consistent voting extension (GOV1–GOV3).
 */
export function validateBody(body: BodyLike, ctx: WorkspaceContext, entity = 'body'): RuleViolation[] {
  const v = new Violations(entity)
  if (!isTitle(body.name, LIMITS.bodyNameLength)) {
    v.add(
      'VAL2',
      'name',
      text(
        `Le nom d’une instance est obligatoire et fait au plus ${LIMITS.bodyNameLength} caractères.`,
        `A body needs a name of at most ${LIMITS.bodyNameLength} characters.`,
      ),
    )
  }
  if (!(BODY_LEVELS as readonly unknown[]).includes(body.level)) v.add('VAL1', 'level', text('Niveau d’instance inconnu.', 'Unknown body level.'))
  if (!(MEETING_CADENCES as readonly unknown[]).includes(body.cadence))
    v.add('VAL1', 'cadence', text('Fréquence de réunion inconnue.', 'Unknown meeting cadence.'))
  if (!isBoundedString(body.mandate, LIMITS.textFieldLength)) {
    v.add(
      'VAL1',
      'mandate',
      text(`Le mandat est un texte d’au plus ${LIMITS.textFieldLength} caractères.`, `The mandate is a text of at most ${LIMITS.textFieldLength} characters.`),
    )
  }
  if (!(body.chair === null || isRef(body.chair))) v.add('VAL1', 'chair', text('La présidence doit être un membre.', 'The chair must be a member.'))
  if (!isOrder(body.order)) v.add('VAL1', 'order', text('Position d’instance invalide.', 'Invalid body position.'))
  if (!(DECISION_RULES as readonly unknown[]).includes(body.decisionRule)) {
    v.add(
      'VAL17',
      'decisionRule',
      text(
        'Règle de décision inconnue : consensus, majorité simple, deux tiers ou unanimité.',
        'Unknown decision rule: consensus, simple majority, two thirds or unanimity.',
      ),
    )
  }

  let total: number | null = 0
  const seats = body.seats !== null && typeof body.seats === 'object' && !Array.isArray(body.seats) ? (body.seats as Record<string, unknown>) : null
  if (seats === null) {
    v.add('VAL1', 'seats', text('Répartition des sièges invalide.', 'Invalid seat allocation.'))
    total = null
  } else {
    for (const [partnerId, count] of Object.entries(seats)) {
      if (!isIntegerIn(count, 0, MAX_SEATS_PER_PARTNER)) {
        v.add(
          'VAL1',
          'seats',
          text(`Un nombre de sièges est un entier de 0 à ${MAX_SEATS_PER_PARTNER}.`, `A number of seats is a whole number from 0 to ${MAX_SEATS_PER_PARTNER}.`),
        )
        total = null
      } else if (total !== null) total += count
      if (!ctx.partners.has(partnerId)) {
        v.add(
          'VAL16',
          'seats',
          text('Chaque siège appartient à un partenaire existant de l’alliance.', 'Every seat belongs to an existing partner of the alliance.'),
        )
      }
    }
  }
  if (!isIntegerIn(body.quorum, 0, 100000)) v.add('VAL1', 'quorum', text('Le quorum est un nombre entier de sièges.', 'The quorum is a whole number of seats.'))
  else if (total !== null) {
    if (body.quorum > total) {
      v.add(
        'VAL15',
        'quorum',
        text(
          `Quorum inatteignable : ${body.quorum} sièges requis pour ${total} sièges au total.`,
          `Unreachable quorum: ${body.quorum} seats required out of ${total} in total.`,
        ),
        ['quorum', 'seats'],
      )
    } else if (total > 0 && body.quorum < 1) {
      v.add('VAL15', 'quorum', text('Le quorum est d’au moins un siège.', 'The quorum is at least one seat.'), ['quorum', 'seats'])
    }
  }
  if (body.voting !== undefined && body.voting !== null) v.list.push(...validateVoting(body.voting, body, entity))
  return v.list
}
