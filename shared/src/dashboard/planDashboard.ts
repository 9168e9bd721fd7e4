import { addDays } from '../dates.ts'
import { objectiveOfActions } from '../rules/actionObjectives.ts'
import { objectiveTrackStatus, standingValues, trackStatus, type TrackStatus } from '../rules/onTrack.ts'
import { valueDue, type ValueDue } from '../rules/valueDue.ts'
import { DASHBOARD_LIMITS, emptyStatusCounts, type AllianceView, type AttentionSection, type IndicatorSeries } from './dashboardView.ts'
import type { PlanSnapshot, SnapshotAction, SnapshotIndicator } from './planSnapshot.ts'
import { rollUpObjectives, type ActionObjectiveRow } from './rollUp.ts'

/** Who reads the dashboard: their own actions, their partner's indicators first. */
export interface DashboardReader {
  userId: string
  partnerId: string | null
}

/** Everything about the plan that does not depend on the reader (the server keeps it until the plan or the day changes). */
export interface PlanAnalysis {
  today: string
  snapshot: PlanSnapshot
  offTrack: { id: string; title: string }[]
  valuesDue: { indicator: SnapshotIndicator; due: ValueDue }[]
  /** The alliance view but the balance, which the server adds with the partners' names. */
  alliance: Omit<AllianceView, 'balance'>
}

/** DASH4: the item list of one section, bounded, with its total. */
export function bounded<K extends AttentionSection['kind'], T>(kind: K, items: readonly T[], limit: number = DASHBOARD_LIMITS.items) {
  return { kind, total: items.length, items: items.slice(0, limit) }
}

const OPEN = (a: SnapshotAction): boolean => a.status !== 'done' && a.status !== 'cancelled'
const byDeadline = (a: SnapshotAction, b: SnapshotAction): number =>
  a.deadline! < b.deadline! ? -1 : a.deadline! > b.deadline! ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/**
 * The operational objectives' roll-up rows: each action under the objective it serves
 * (`objectiveOfActions`, shared with the reports).
 */
export function actionObjectiveRows(snapshot: PlanSnapshot): { rows: ActionObjectiveRow[]; unattached: number } {
  const served = objectiveOfActions(
    snapshot.actions,
    snapshot.objectives.filter((o) => o.kind === 'operational'),
  )
  const rows: ActionObjectiveRow[] = []
  for (const action of snapshot.actions) {
    const objectiveId = served.get(action.id)
    if (objectiveId !== undefined) rows.push({ objectiveId, progress: action.progress, status: action.status })
  }
  return { rows, unattached: snapshot.actions.length - rows.length }
}

function series(indicator: SnapshotIndicator, track: TrackStatus, start: string | null): IndicatorSeries {
  const { baseline, target, targetDate } = indicator
  const path =
    baseline !== null && target !== null && targetDate !== null && start !== null
      ? [
          { date: start, value: baseline },
          { date: targetDate, value: target },
        ]
      : []
  return {
    id: indicator.id,
    name: indicator.name,
    unit: indicator.unit,
    track,
    values: standingValues(indicator.values)
      .slice(-DASHBOARD_LIMITS.points)
      .map(([id, v]) => ({ id, date: v.date, value: v.value })),
    path,
  }
}

const TRACK_ORDER: Record<TrackStatus, number> = { off_track: 0, on_track: 1, achieved: 2, no_data: 3, no_target: 4 }

/** DASH2, DASH5, DASH6: the reader-independent part, computed once per plan state and day. */
export function analysePlan(snapshot: PlanSnapshot, today: string): PlanAnalysis {
  const tracks = new Map<string, TrackStatus>()
  const byObjective = new Map<string, TrackStatus[]>()
  const valuesDue: PlanAnalysis['valuesDue'] = []
  for (const indicator of snapshot.indicators) {
    const track = trackStatus(indicator, snapshot.start)
    tracks.set(indicator.id, track)
    const tracked = byObjective.get(indicator.objectiveId)
    if (tracked) tracked.push(track)
    else byObjective.set(indicator.objectiveId, [track])
    const due = valueDue(indicator, snapshot.start, today)
    if (due) valuesDue.push({ indicator, due })
  }
  const operational = snapshot.objectives.filter((o) => o.kind === 'operational')
  const objectiveTrack = (id: string): TrackStatus => objectiveTrackStatus(byObjective.get(id) ?? [])
  const offTrack = operational.filter((o) => objectiveTrack(o.id) === 'off_track').map(({ id, title }) => ({ id, title }))
  const { rows, unattached } = actionObjectiveRows(snapshot)
  const rollUps = rollUpObjectives(rows)
  const actionsByStatus = emptyStatusCounts()
  for (const action of snapshot.actions) actionsByStatus[action.status]++
  const charted = [...snapshot.indicators]
    .sort((a, b) => TRACK_ORDER[tracks.get(a.id)!] - TRACK_ORDER[tracks.get(b.id)!] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, DASHBOARD_LIMITS.charts)
  return {
    today,
    snapshot,
    offTrack,
    valuesDue,
    alliance: {
      objectives: {
        total: operational.length,
        items: operational.slice(0, DASHBOARD_LIMITS.objectives).map((o) => {
          const r = rollUps.get(o.id)
          return {
            id: o.id,
            title: o.title,
            actions: r?.actions ?? 0,
            done: r?.done ?? 0,
            blocked: r?.blocked ?? 0,
            progress: r?.progress ?? null,
            track: objectiveTrack(o.id),
          }
        }),
      },
      actionsWithoutObjective: unattached,
      actionsByStatus,
      indicators: { total: snapshot.indicators.length, items: charted.map((i) => series(i, tracks.get(i.id)!, snapshot.start)) },
    },
  }
}

/**
 * DASH1–DASH3: the plan's part of the reader's attention list. Their open actions (accountable or
 * responsible) past their deadline, then due within 7 days, soonest first; the operational
 * objectives off track; the indicator values due, their partner's first, late before due soon.
 */
export function planAttention(analysis: PlanAnalysis, reader: DashboardReader, soonDays = 7): AttentionSection[] {
  const { today, snapshot } = analysis
  const soon = addDays(today, soonDays)
  const mine = snapshot.actions.filter((a) => a.deadline !== null && OPEN(a) && (a.accountable === reader.userId || a.responsible.includes(reader.userId)))
  const overdue = mine.filter((a) => a.deadline! < today).sort(byDeadline)
  const dueSoon = mine.filter((a) => a.deadline! >= today && a.deadline! <= soon).sort(byDeadline)
  const action = ({ id, title, deadline, status }: SnapshotAction) => ({ id, title, deadline: deadline!, status })
  const values = analysis.valuesDue
    .map(({ indicator, due }) => ({
      indicatorId: indicator.id,
      name: indicator.name,
      status: due.status,
      date: due.date,
      mine: reader.partnerId !== null && indicator.partnerId === reader.partnerId,
    }))
    .sort(
      (a, b) =>
        Number(b.mine) - Number(a.mine) ||
        Number(b.status === 'late') - Number(a.status === 'late') ||
        (a.date < b.date ? -1 : a.date > b.date ? 1 : a.indicatorId < b.indicatorId ? -1 : 1),
    )
  return [
    bounded('actions_overdue', overdue.map(action)),
    bounded('actions_due_soon', dueSoon.map(action)),
    bounded('objectives_off_track', analysis.offTrack),
    bounded('values_due', values),
  ]
}
