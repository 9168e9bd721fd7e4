import * as Y from 'yjs'
import { COLLECTION_FREQUENCIES, type CollectionFrequency } from '../entities/indicator.ts'
import { formatDay } from '../formatDates.ts'
import { indicatorsOf, objectivesOf, readIndicatorValues } from '../layouts/objectivesLayout.ts'
import { actionsOf, readAction, readPlanMeta, sortedActionIds } from '../layouts/planLayout.ts'
import { objectiveTrackStatus, trackStatus, type TrackStatus } from '../rules/onTrack.ts'
import { valueDue } from '../rules/valueDue.ts'
import { balanceAlerts, ratioPercent } from '../steering/balanceAlerts.ts'
import { balanceOfDoc } from '../steering/planBalance.ts'
import type { AgendaSuggestion } from './meetings.ts'

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** What the agenda says of a suggestion, in the alliance's language (French first): its notes. */
export function agendaSuggestionNote(s: AgendaSuggestion, locale: 'fr' | 'en' = 'fr'): string {
  const fr = locale === 'fr'
  switch (s.reason) {
    case 'blocked':
      return fr ? 'Action bloquée' : 'Blocked action'
    case 'overdue':
      return fr ? `Action en retard (échéance ${s.deadline})` : `Overdue action (deadline ${s.deadline})`
    case 'signoff':
      return fr ? 'Document en attente de signature' : 'Document awaiting sign-off'
    case 'off_track':
      return fr ? 'Objectif en retard sur sa trajectoire' : 'Objective off its track'
    case 'value_late':
      return fr ? `Valeur attendue depuis le ${formatDay(s.since, 'fr')}` : `Value expected since ${formatDay(s.since, 'en')}`
    case 'balance_imbalance':
      return fr
        ? `Déséquilibre : ${s.title} a déclaré ${ratioPercent(s.ratio)} % de ses engagements (${s.period})`
        : `Imbalance: ${s.title} declared ${ratioPercent(s.ratio)} % of its commitments (${s.period})`
  }
}

/**
 * What "suggest agenda" proposes from the plan document: blocked actions, then open actions past
 * their deadline, in plan order, minus those already on the agenda (GOV17); then the operational
 * objectives off their track (their indicators' latest values against the straight path from
 * baseline to target, IND5) and the indicators whose value is late (`valueDue`), in the plan's
 * order of objectives (GOV27); then the partners the balance flags (BAL12), in `partnerNames`' order
 * (GOV28: a partner not named there — removed from the alliance — is left out). `onAgenda` holds the ids of actions already on the agenda and the
 * notes-and-titles (`title\nnotes`) of items already there.
 */
export function agendaSuggestions(
  plan: Y.Doc,
  today: string,
  onAgenda: ReadonlySet<string> = new Set(),
  partnerNames: ReadonlyMap<string, string> = new Map(),
): AgendaSuggestion[] {
  const actions = actionsOf(plan)
  const blocked: AgendaSuggestion[] = []
  const overdue: AgendaSuggestion[] = []
  for (const id of sortedActionIds(plan)) {
    if (onAgenda.has(id)) continue
    const action = readAction(actions.get(id)!)
    if (action.status === 'blocked') blocked.push({ actionId: id, docName: null, title: action.title, reason: 'blocked', deadline: action.deadline })
    else if (action.deadline !== null && action.deadline < today && action.status !== 'done' && action.status !== 'cancelled') {
      overdue.push({ actionId: id, docName: null, title: action.title, reason: 'overdue', deadline: action.deadline })
    }
  }
  const steering = [...steeringSuggestions(plan, today), ...balanceSuggestions(plan, today, partnerNames)].filter(
    (s) => !onAgenda.has(`${s.title}\n${agendaSuggestionNote(s)}`),
  )
  return [...blocked, ...overdue, ...steering]
}

/** Off-track operational objectives and late indicator values, objectives in their order. */
function steeringSuggestions(plan: Y.Doc, today: string): AgendaSuggestion[] {
  const start = strOrNull(readPlanMeta(plan).start)
  const objectives: { id: string; title: string; order: string }[] = []
  objectivesOf(plan).forEach((map, id) => {
    if (map instanceof Y.Map && map.get('kind') === 'operational') {
      objectives.push({ id, title: strOrNull(map.get('title')) ?? '', order: strOrNull(map.get('order')) ?? '' })
    }
  })
  if (objectives.length === 0) return []
  objectives.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
  const statuses = new Map<string, TrackStatus[]>()
  const late = new Map<string, AgendaSuggestion[]>()
  indicatorsOf(plan).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const objectiveId = map.get('objectiveId')
    if (typeof objectiveId !== 'string') return
    const values = readIndicatorValues(map)
    const targetDate = strOrNull(map.get('targetDate'))
    const status = trackStatus({ baseline: num(map.get('baseline')), target: num(map.get('target')), targetDate, values }, start)
    statuses.set(objectiveId, [...(statuses.get(objectiveId) ?? []), status])
    const frequency = map.get('frequency') as CollectionFrequency
    const due = COLLECTION_FREQUENCIES.includes(frequency) ? valueDue({ frequency, targetDate, values }, start, today) : null
    if (due?.status === 'late') {
      const name = strOrNull(map.get('name')) ?? ''
      const list = late.get(objectiveId) ?? []
      list.push({ reason: 'value_late', actionId: null, docName: null, objectiveId, indicatorId: id, title: name, deadline: null, since: due.date })
      late.set(objectiveId, list)
    }
  })
  const out: AgendaSuggestion[] = []
  for (const o of objectives) {
    if (objectiveTrackStatus(statuses.get(o.id) ?? []) === 'off_track') {
      out.push({ reason: 'off_track', actionId: null, docName: null, objectiveId: o.id, title: o.title, deadline: null })
    }
  }
  for (const o of objectives) out.push(...(late.get(o.id) ?? []).sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)))
  return out
}

/** GOV28: the partners flagged by the balance in the current or last ended period (BAL12). */
function balanceSuggestions(plan: Y.Doc, today: string, partnerNames: ReadonlyMap<string, string>): AgendaSuggestion[] {
  if (partnerNames.size === 0) return []
  return balanceAlerts(balanceOfDoc(plan, [...partnerNames.keys()], today), today).flatMap((a): AgendaSuggestion[] => {
    const title = partnerNames.get(a.partnerId)
    if (title === undefined) return []
    return [{ reason: 'balance_imbalance', actionId: null, docName: null, partnerId: a.partnerId, period: a.period, ratio: a.ratio, title, deadline: null }]
  })
}
