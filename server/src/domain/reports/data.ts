import { type Action, type ActionStatus, type Decision, type Indicator, type IndicatorValue, objectiveOfActions, type Objective, ROOT } from '@ensemble/shared'

/**
 * What a report is built from: the plan document as JSON (read on a document thread, history/jobs.ts)
 * and what the event loop gathered from the database for it (ReportContext, plain data that crosses
 * to the thread). Only what a member of the workspace already sees in the interface: names of
 * people and partners, never e-mails; a secret vote's decision as the register shows it (GOV18).
 */
export interface ReportContext {
  workspaceName: string
  partners: { id: string; name: string }[]
  people: { id: string; name: string }[]
  /** The decisions of the review's year (the register, newest first); empty for the tables. */
  decisions: Decision[]
  /** The day the report is made (YYYY-MM-DD, Europe/Paris): what « late » is measured against. */
  today: string
  /**
   * EXP8: the SQL part of the partners' participation (BAL10) — each member's partner, the
   * attendance taken, the ballots cast; the A and R of each action are read from the plan.
   */
  participation: {
    partnerOf: [string, string | null][]
    attendance: { meetingId: string; userId: string; status: string }[]
    ballots: { forId: string }[]
  }
}

type WithId<T> = T & { id: string }

export interface ReportData {
  context: ReportContext
  /** The plan document's JSON, every root: a new table or section (the partners' balance) reads its own root from here. */
  plan: Record<string, unknown>
  planTitle: string
  period: { start: string | null; end: string | null }
  /** In the plan's order. */
  actions: WithId<Action>[]
  /** Strategic ones first, each in its order. */
  objectives: WithId<Objective>[]
  indicators: WithId<Indicator>[]
  /** Action id → the operational objective it serves: its `objectiveId`, else the one its text names (actionObjectives.ts). */
  objectiveOfAction: Map<string, string>
  partnerName(id: string | null | undefined): string
  personName(id: string | null | undefined): string
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
const str = (value: unknown): string => (typeof value === 'string' ? value : '')
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])
const byOrder = <T extends { id: string; order: string }>(a: T, b: T) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1)

/** Entries of a map of entities, each read field by field (a stored value of the wrong type reads as empty, not as a failed report). */
const entries = (json: unknown): [string, Record<string, unknown>][] => Object.entries(record(json)).map(([id, v]) => [id, record(v)])

function readAction(id: string, a: Record<string, unknown>): WithId<Action> {
  return {
    id,
    title: str(a.title),
    objective: str(a.objective),
    objectiveId: strOrNull(a.objectiveId),
    description: str(a.description),
    start: strOrNull(a.start),
    deadline: strOrNull(a.deadline),
    status: (str(a.status) || 'proposed') as ActionStatus,
    progress: num(a.progress) ?? 0,
    blockedReason: str(a.blockedReason),
    accountable: strOrNull(a.accountable),
    responsible: strings(a.responsible),
    consulted: strings(a.consulted),
    informed: strings(a.informed),
    milestones: record(a.milestones) as Action['milestones'],
    resources: record(a.resources) as Action['resources'],
    order: str(a.order),
    decisionIds: strings(a.decisionIds),
  }
}

function readObjective(id: string, o: Record<string, unknown>): WithId<Objective> {
  if (o.kind === 'strategic') return { id, kind: 'strategic', title: str(o.title), horizon: num(o.horizon) ?? 0, vision: str(o.vision), order: str(o.order) }
  return {
    id,
    kind: 'operational',
    title: str(o.title),
    statement: str(o.statement),
    parentId: strOrNull(o.parentId),
    partnerIds: strings(o.partnerIds),
    targetDate: strOrNull(o.targetDate),
    resources: str(o.resources),
    status: o.status === 'validated' ? 'validated' : 'draft',
    order: str(o.order),
  }
}

function readIndicator(id: string, i: Record<string, unknown>): WithId<Indicator> {
  const values: Record<string, IndicatorValue> = {}
  for (const [valueId, v] of entries(i.values)) {
    const value = num(v.value)
    if (value === null || typeof v.date !== 'string') continue
    values[valueId] = {
      value,
      date: v.date,
      comment: str(v.comment),
      by: str(v.by),
      at: num(v.at) ?? 0,
      ...(typeof v.corrects === 'string' ? { corrects: v.corrects } : {}),
    }
  }
  return {
    id,
    objectiveId: str(i.objectiveId),
    name: str(i.name),
    family: (str(i.family) || 'results') as Indicator['family'],
    unit: str(i.unit),
    baseline: num(i.baseline),
    target: num(i.target),
    targetDate: strOrNull(i.targetDate),
    source: str(i.source),
    frequency: (str(i.frequency) || 'once') as Indicator['frequency'],
    partnerId: strOrNull(i.partnerId),
    purposes: strings(i.purposes) as Indicator['purposes'],
    values,
  }
}

export function reportData(plan: Record<string, unknown>, context: ReportContext): ReportData {
  const meta = record(plan[ROOT.meta])
  const actions = entries(plan[ROOT.actions])
    .map(([id, a]) => readAction(id, a))
    .sort(byOrder)
  const objectives = entries(plan[ROOT.objectives])
    .map(([id, o]) => readObjective(id, o))
    .sort((a, b) => (a.kind === b.kind ? byOrder(a, b) : a.kind === 'strategic' ? -1 : 1))
  const indicators = entries(plan[ROOT.indicators])
    .map(([id, i]) => readIndicator(id, i))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
  const operational = objectives.filter((o) => o.kind === 'operational')
  const objectiveOfAction = objectiveOfActions(actions, operational)
  const partners = new Map(context.partners.map((p) => [p.id, p.name]))
  const people = new Map(context.people.map((p) => [p.id, p.name]))
  return {
    context,
    plan,
    planTitle: str(meta.title),
    period: { start: strOrNull(meta.start), end: strOrNull(meta.end) },
    actions,
    objectives,
    indicators,
    objectiveOfAction,
    // A partner or a person no longer in the workspace is named as such, not by an id.
    partnerName: (id) => (id ? (partners.get(id) ?? 'partenaire retiré') : ''),
    personName: (id) => (id ? (people.get(id) ?? 'membre retiré') : ''),
  }
}
