import { HORIZON_YEARS, OBJECTIVE_FIELDS, OBJECTIVE_KINDS, OBJECTIVE_STATUSES, type ObjectiveKind } from '../entities/objective.ts'
import { LIMITS } from '../limits.ts'
import { PERIOD_INPUT } from './action.ts'
import { missingSmartLetters, SMART_REQUIREMENTS, withinPeriod } from './smart.ts'
import { INDICATORS_INPUT, type SteeringRuleContext } from './steeringContext.ts'
import type { RuleViolation } from './types.ts'
import { isBoundedString, isIntegerIn, isIsoDate, isOrder, isRef, isTitle, refSet, text, Violations } from './values.ts'

/** An objective as read from its Y.Map: field → value, untrusted. */
export type ObjectiveLike = Readonly<Record<string, unknown>>

/** Inputs of the SMART rule: an edit of any of them may take a letter from a validated objective. */
export const SMART_INPUTS: readonly string[] = ['status', 'statement', 'resources', 'parentId', 'targetDate', INDICATORS_INPUT, PERIOD_INPUT]

const isKind = (value: unknown): value is ObjectiveKind => (OBJECTIVE_KINDS as readonly unknown[]).includes(value)

/**
 * Every rule about one objective (OBJ1–OBJ5): the fields of its kind, each of the right type and
 * within bounds, a horizon of 3 to 5 years, a strategic parent, partners of the alliance, a
 * target date within the plan's period, and SMART before « validé ». Each violation names the
 * inputs it depends on, so an edit is blamed only for what it changed.
 */
export function validateObjective(objective: ObjectiveLike, ctx: SteeringRuleContext, entity: string): RuleViolation[] {
  const v = new Violations(entity)
  const kind = objective.kind
  if (!isKind(kind)) {
    v.add('OBJ1', 'kind', text('Type d’objectif inconnu : stratégique ou opérationnel.', 'Unknown kind of objective: strategic or operational.'), ['kind'])
    return v.list
  }
  const fields = OBJECTIVE_FIELDS[kind]
  for (const key of Object.keys(objective)) {
    if (!fields.includes(key)) v.add('OBJ1', key, text('Champ inconnu pour ce type d’objectif.', 'Unknown field for this kind of objective.'), [key, 'kind'])
  }
  if (!isTitle(objective.title, LIMITS.actionTitleLength)) {
    v.add(
      'OBJ1',
      'title',
      text(
        `Un objectif a un titre d’au plus ${LIMITS.actionTitleLength} caractères.`,
        `An objective needs a title of at most ${LIMITS.actionTitleLength} characters.`,
      ),
    )
  }
  if (!isOrder(objective.order)) v.add('OBJ1', 'order', text('Position d’objectif invalide.', 'Invalid objective position.'))
  if (kind === 'strategic') {
    if (!isIntegerIn(objective.horizon, HORIZON_YEARS.min, HORIZON_YEARS.max)) {
      v.add(
        'OBJ2',
        'horizon',
        text(
          `Un objectif stratégique porte à ${HORIZON_YEARS.min} à ${HORIZON_YEARS.max} ans.`,
          `A strategic objective looks ${HORIZON_YEARS.min} to ${HORIZON_YEARS.max} years ahead.`,
        ),
      )
    }
    if (!isBoundedString(objective.vision, LIMITS.textFieldLength)) {
      v.add(
        'OBJ1',
        'vision',
        text(
          `Le lien à la vision est un texte d’au plus ${LIMITS.textFieldLength} caractères.`,
          `The link to the vision is a text of at most ${LIMITS.textFieldLength} characters.`,
        ),
      )
    }
    return v.list
  }
  for (const field of ['statement', 'resources'] as const) {
    if (!isBoundedString(objective[field], LIMITS.textFieldLength)) {
      v.add(
        'OBJ1',
        field,
        text(`Ce champ est un texte d’au plus ${LIMITS.textFieldLength} caractères.`, `This field is a text of at most ${LIMITS.textFieldLength} characters.`),
      )
    }
  }
  if (!(OBJECTIVE_STATUSES as readonly unknown[]).includes(objective.status)) {
    v.add('OBJ1', 'status', text('Statut inconnu : brouillon ou validé.', 'Unknown status: draft or validated.'))
  }
  const parentId = objective.parentId
  if (!(parentId === null || (isRef(parentId) && ctx.objectiveKind(parentId) === 'strategic'))) {
    v.add('OBJ3', 'parentId', text('L’objectif parent doit être un objectif stratégique du plan.', 'The parent must be a strategic objective of the plan.'))
  }
  const partners = refSet(objective.partnerIds, LIMITS.objectiveLinks)
  if (partners === null || partners.some((id) => !ctx.workspace.partners.has(id))) {
    v.add(
      'OBJ3',
      'partnerIds',
      text(
        `Les partenaires porteurs sont des partenaires de l’alliance, chacun une fois (au plus ${LIMITS.objectiveLinks}).`,
        `Carrying partners are partners of the alliance, each once (at most ${LIMITS.objectiveLinks}).`,
      ),
    )
  }
  const targetDate = objective.targetDate
  if (!(targetDate === null || isIsoDate(targetDate))) {
    v.add('OBJ4', 'targetDate', text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
  } else if (targetDate !== null && !withinPeriod(targetDate, ctx.period)) {
    v.add('OBJ4', 'targetDate', text('La date cible doit être dans la période du plan.', 'The target date must be within the plan’s period.'), [
      'targetDate',
      PERIOD_INPUT,
    ])
  }
  if (objective.status === 'validated') {
    const missing = missingSmartLetters(objective, {
      period: ctx.period,
      isStrategic: (id) => ctx.objectiveKind(id) === 'strategic',
      indicators: ctx.indicatorsOf(entityId(entity)),
    })
    if (missing.length > 0) {
      v.add(
        'OBJ5',
        'status',
        text(
          `Objectif non SMART, il ne peut pas être validé : ${missing.map((l) => `${l} (${SMART_REQUIREMENTS[l].fr})`).join(' ; ')}.`,
          `The objective is not SMART and cannot be validated: ${missing.map((l) => `${l} (${SMART_REQUIREMENTS[l].en})`).join('; ')}.`,
        ),
        SMART_INPUTS,
      )
    }
  }
  return v.list
}

/** The id at the end of an entity name (`objectives/o1` → `o1`). */
const entityId = (entity: string): string => entity.slice(entity.lastIndexOf('/') + 1)
