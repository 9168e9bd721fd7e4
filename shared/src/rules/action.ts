import { ACTION_STATUSES, type Action, type ActionStatus } from '../entities/action.ts'
import { RESOURCE_UNITS } from '../entities/resource.ts'
import { LIMITS } from '../limits.ts'
import { WRITING_ROLES } from '../roles.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { isBoundedString, isIntegerIn, isIsoDate, isOrder, isRef, isTitle, text, Violations } from './values.ts'

/** The plan's period (its `meta` start and end); a missing bound leaves that side open. */
export interface PlanPeriod {
  start?: string | null
  end?: string | null
}

/** What the action rules check an action against. */
export interface ActionRuleContext {
  workspace: WorkspaceContext
  period?: PlanPeriod
}

/** An action as read from a document: the fields of `Action`, whose values the rules do not trust. */
export type ActionLike = { readonly [K in keyof Action]?: unknown }

/** Pseudo-field naming the plan's period among a violation's inputs (VAL9 depends on it). */
export const PERIOD_INPUT = '@period'

const LIST_LIMITS = { responsible: 50, consulted: 100, informed: 100 } as const
type ListField = keyof typeof LIST_LIMITS

export const actionEntity = (id: string): string => `actions/${id}`

const isStatus = (value: unknown): value is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(value)

function refList(value: unknown, max: number): string[] | null {
  if (!Array.isArray(value) || value.length > max) return null
  for (const id of value) if (!isRef(id)) return null
  return value as string[]
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

/**
 * Every rule of docs/RULES.md about one action (VAL1–VAL14), as a list of violations (empty when the
 * action is valid). Pure and cheap (no zod parse); the client calls it before writing, the server
 * after applying an edit. A proposal (status `proposed`) may leave the accountable, the responsible
 * and the dates empty; every other rule applies to every action.
 *
 * `entity` names the action in the violations (e.g. `actions/a1`).
 */
export function validateAction(action: ActionLike, ctx: ActionRuleContext, entity = 'action'): RuleViolation[] {
  const v = new Violations(entity)
  const { members, partners } = ctx.workspace

  // ---- shape of each field (VAL1, VAL2, VAL8, VAL11) -------------------------------------------
  if (!isTitle(action.title, LIMITS.actionTitleLength)) {
    v.add('VAL2', 'title', text(`Le titre d’une action est obligatoire et fait au plus ${LIMITS.actionTitleLength} caractères.`, `An action needs a title of at most ${LIMITS.actionTitleLength} characters.`))
  }
  for (const field of ['objective', 'description', 'blockedReason'] as const) {
    if (!isBoundedString(action[field], LIMITS.textFieldLength)) {
      v.add('VAL1', field, text(`Ce champ est un texte d’au plus ${LIMITS.textFieldLength} caractères.`, `This field is a text of at most ${LIMITS.textFieldLength} characters.`))
    }
  }
  const status = isStatus(action.status) ? action.status : null
  if (status === null) {
    v.add('VAL11', 'status', text('Statut inconnu : proposée, prévue, en cours, bloquée, terminée ou annulée.', 'Unknown status: proposed, planned, in progress, blocked, done or cancelled.'))
  }
  const progress = isIntegerIn(action.progress, 0, 100) ? action.progress : null
  if (progress === null) v.add('VAL11', 'progress', text('L’avancement est un entier de 0 à 100.', 'Progress is a whole number from 0 to 100.'))
  const dates: Record<'start' | 'deadline', string | null | undefined> = { start: undefined, deadline: undefined }
  for (const field of ['start', 'deadline'] as const) {
    const value = action[field]
    if (value === null || isIsoDate(value)) dates[field] = value
    else v.add('VAL8', field, text('Date invalide (AAAA-MM-JJ attendu).', 'Invalid date (YYYY-MM-DD expected).'))
  }
  const accountable = action.accountable === null || isRef(action.accountable) ? action.accountable : undefined
  if (accountable === undefined) v.add('VAL1', 'accountable', text('Le responsable final doit être un membre.', 'The accountable must be a member.'))
  const lists = {} as Record<ListField, string[] | null>
  for (const field of ['responsible', 'consulted', 'informed'] as const) {
    lists[field] = refList(action[field], LIST_LIMITS[field])
    if (lists[field] === null) v.add('VAL1', field, text(`Liste de membres invalide (au plus ${LIST_LIMITS[field]}).`, `Invalid list of members (at most ${LIST_LIMITS[field]}).`))
  }
  if (!isOrder(action.order)) v.add('VAL1', 'order', text('Position invalide dans le plan.', 'Invalid position in the plan.'))

  const proposal = status === 'proposed'

  // ---- RACI (VAL3–VAL7) ---------------------------------------------------------------------------
  if (!proposal && status !== null && accountable === null) {
    v.add('VAL3', 'accountable', text('Une action doit avoir exactement un responsable final (A).', 'An action must have exactly one accountable member (A).'), ['status', 'accountable'])
  }
  if (!proposal && status !== null && lists.responsible?.length === 0) {
    v.add('VAL4', 'responsible', text('Une action doit avoir au moins un réalisateur (R).', 'An action must have at least one responsible member (R).'), ['status', 'responsible'])
  }
  const canEdit = (userId: string): boolean => {
    const member = members.get(userId)
    return member !== undefined && WRITING_ROLES.includes(member.role)
  }
  if (typeof accountable === 'string' && !canEdit(accountable)) {
    v.add('VAL5', 'accountable', text('Le responsable final (A) doit être un membre actif qui peut modifier (pas observateur ni commentateur).', 'The accountable (A) must be an active member who can edit (not an observer or commenter).'))
  }
  if (lists.responsible?.some((id) => !canEdit(id))) {
    v.add('VAL5', 'responsible', text('Chaque réalisateur (R) doit être un membre actif qui peut modifier (pas observateur ni commentateur).', 'Every responsible (R) must be an active member who can edit (not an observer or commenter).'))
  }
  for (const field of ['consulted', 'informed'] as const) {
    if (lists[field]?.some((id) => !members.has(id))) {
      v.add('VAL6', field, text('Les consultés et informés doivent être membres de l’alliance.', 'Consulted and informed people must be members of the alliance.'))
    }
  }
  for (const field of ['responsible', 'consulted', 'informed'] as const) {
    const list = lists[field]
    if (list && new Set(list).size !== list.length) v.add('VAL7', field, text('Un membre figure deux fois dans la liste.', 'A member appears twice in the list.'))
  }
  if (lists.responsible) {
    const doers = new Set(lists.responsible)
    if (typeof accountable === 'string') doers.add(accountable)
    for (const field of ['consulted', 'informed'] as const) {
      if (lists[field]?.some((id) => doers.has(id))) {
        v.add('VAL7', field, text('Un membre consulté ou informé ne peut pas être aussi responsable final ou réalisateur.', 'A consulted or informed member cannot also be accountable or responsible.'), [field, 'responsible', 'accountable'])
      }
    }
  }
  if (lists.consulted && lists.informed) {
    const consulted = new Set(lists.consulted)
    if (lists.informed.some((id) => consulted.has(id))) {
      v.add('VAL7', 'informed', text('Un membre consulté est déjà informé : ne l’inscrivez qu’une fois.', 'A consulted member is informed already: list them once.'), ['consulted', 'informed'])
    }
  }

  // ---- dates (VAL8–VAL10) -------------------------------------------------------------------------
  const { start, deadline } = dates
  if (!proposal && status !== null) {
    if (start === null) v.add('VAL8', 'start', text('Une action planifiée a une date de début.', 'A planned action has a start date.'), ['status', 'start'])
    if (deadline === null) v.add('VAL8', 'deadline', text('Une action planifiée a une échéance.', 'A planned action has a deadline.'), ['status', 'deadline'])
  }
  if (start && deadline && start > deadline) {
    v.add('VAL8', 'deadline', text('L’échéance ne peut pas précéder le début.', 'The deadline cannot come before the start.'), ['start', 'deadline'])
  }
  const period = ctx.period ?? {}
  const periodStart = isIsoDate(period.start) ? period.start : null
  const periodEnd = isIsoDate(period.end) ? period.end : null
  for (const field of ['start', 'deadline'] as const) {
    const date = dates[field]
    if (!date) continue
    if ((periodStart && date < periodStart) || (periodEnd && date > periodEnd)) {
      v.add('VAL9', field, text(`Cette date sort de la période du plan (${periodStart ?? '…'} – ${periodEnd ?? '…'}).`, `This date is outside the plan’s period (${periodStart ?? '…'} – ${periodEnd ?? '…'}).`), [field, PERIOD_INPUT])
    }
  }

  // ---- milestones (VAL1, VAL2, VAL10, VAL12) --------------------------------------------------------
  const milestones = record(action.milestones)
  let allMilestonesDone = true
  if (milestones === null) v.add('VAL1', 'milestones', text('Liste de jalons invalide.', 'Invalid list of milestones.'))
  else {
    for (const [id, raw] of Object.entries(milestones)) {
      const where = `${entity}/milestones/${id}`
      const m = record(raw)
      if (m === null) {
        v.add('VAL1', 'milestones', text('Jalon invalide.', 'Invalid milestone.'), ['milestones'], where)
        allMilestonesDone = false
        continue
      }
      if (!isTitle(m.title, LIMITS.actionTitleLength)) {
        v.add('VAL2', 'title', text(`Le titre d’un jalon est obligatoire et fait au plus ${LIMITS.actionTitleLength} caractères.`, `A milestone needs a title of at most ${LIMITS.actionTitleLength} characters.`), ['milestones'], where)
      }
      if (typeof m.done !== 'boolean') v.add('VAL1', 'done', text('« Atteint » vaut oui ou non.', '“Done” is yes or no.'), ['milestones'], where)
      if (m.done !== true) allMilestonesDone = false
      if (!isOrder(m.order)) v.add('VAL1', 'order', text('Position de jalon invalide.', 'Invalid milestone position.'), ['milestones'], where)
      if (!isIsoDate(m.date)) v.add('VAL1', 'date', text('Date de jalon invalide (AAAA-MM-JJ attendu).', 'Invalid milestone date (YYYY-MM-DD expected).'), ['milestones'], where)
      else if ((start && m.date < start) || (deadline && m.date > deadline)) {
        v.add('VAL10', 'date', text(`Le jalon doit être daté entre le début et l’échéance de l’action (${start ?? '…'} – ${deadline ?? '…'}).`, `The milestone must be dated between the action’s start and deadline (${start ?? '…'} – ${deadline ?? '…'}).`), ['milestones', 'start', 'deadline'], where)
      }
      for (const key of Object.keys(m)) {
        if (!MILESTONE_KEYS.has(key)) v.add('VAL1', key, text('Champ de jalon inconnu.', 'Unknown milestone field.'), ['milestones'], where)
      }
    }
  }

  // ---- status consistency (VAL12, VAL13) ------------------------------------------------------------
  if (status === 'done') {
    if (progress !== null && progress !== 100) v.add('VAL12', 'progress', text('Une action terminée est à 100 % d’avancement.', 'A done action is at 100 % progress.'), ['status', 'progress'])
    if (milestones !== null && !allMilestonesDone) v.add('VAL12', 'milestones', text('Une action terminée a tous ses jalons atteints.', 'A done action has every milestone done.'), ['status', 'milestones'])
  }
  if (status === 'blocked' && (typeof action.blockedReason !== 'string' || action.blockedReason.trim() === '')) {
    v.add('VAL13', 'blockedReason', text('Une action bloquée doit indiquer le motif du blocage.', 'A blocked action must give the reason it is blocked.'), ['status', 'blockedReason'])
  }

  // ---- resources (VAL14) ----------------------------------------------------------------------------
  const resources = record(action.resources)
  if (resources === null) v.add('VAL14', 'resources', text('Liste de ressources invalide.', 'Invalid list of resources.'))
  else {
    for (const [id, raw] of Object.entries(resources)) {
      const where = `${entity}/resources/${id}`
      const r = record(raw)
      if (r === null) {
        v.add('VAL14', 'resources', text('Ressource invalide.', 'Invalid resource.'), ['resources'], where)
        continue
      }
      if (!isTitle(r.label, LIMITS.actionTitleLength)) v.add('VAL14', 'label', text('Une ressource a un libellé.', 'A resource has a label.'), ['resources'], where)
      if (typeof r.amount !== 'number' || !Number.isFinite(r.amount) || r.amount < 0) {
        v.add('VAL14', 'amount', text('Le montant d’une ressource est un nombre positif ou nul.', 'A resource amount is a number of zero or more.'), ['resources'], where)
      }
      if (!(RESOURCE_UNITS as readonly unknown[]).includes(r.unit)) v.add('VAL14', 'unit', text('Unité de ressource inconnue.', 'Unknown resource unit.'), ['resources'], where)
      if (!isRef(r.partnerId) || !partners.has(r.partnerId)) {
        v.add('VAL14', 'partnerId', text('Une ressource est apportée par un partenaire de l’alliance.', 'A resource is brought by a partner of the alliance.'), ['resources'], where)
      }
      for (const key of Object.keys(r)) {
        if (!RESOURCE_KEYS.has(key)) v.add('VAL14', key, text('Champ de ressource inconnu.', 'Unknown resource field.'), ['resources'], where)
      }
    }
  }
  return v.list
}

export const MILESTONE_KEYS: ReadonlySet<string> = new Set(['title', 'date', 'done', 'order'])
export const RESOURCE_KEYS: ReadonlySet<string> = new Set(['label', 'amount', 'unit', 'partnerId'])

/** The top-level fields a violation depends on (see RuleViolation.inputs). */
export const violationInputs = (violation: RuleViolation): readonly string[] => violation.inputs ?? (violation.field ? [violation.field] : [])
