import * as Y from 'yjs'
import { ACTION_STATUSES, type ActionStatus } from '../entities/action.ts'
import { COLLECTION_FREQUENCIES, type CollectionFrequency } from '../entities/indicator.ts'
import { indicatorsOf, objectivesOf, readIndicatorValues } from '../layouts/objectivesLayout.ts'
import { actionsOf, readPlanMeta } from '../layouts/planLayout.ts'
import type { TrackedIndicator } from '../rules/onTrack.ts'
import type { ScheduledIndicator } from '../rules/valueDue.ts'

/**
 * What the dashboard reads from the plan document, as plain values: only the fields it needs (no
 * descriptions, milestones or resources), so a 5,000-action plan reads in a few milliseconds. The
 * server keeps one per live document until it changes (DASH7).
 */
export interface SnapshotAction {
  id: string
  title: string
  /** The free-text objective a plan not yet upgraded still carries (OBJ9). */
  objective: string
  /** The operational objective the action serves (OBJ8). */
  objectiveId: string | null
  deadline: string | null
  status: ActionStatus
  progress: number
  accountable: string | null
  responsible: string[]
}
export interface SnapshotObjective {
  id: string
  kind: 'strategic' | 'operational'
  title: string
  order: string
}
export interface SnapshotIndicator extends TrackedIndicator, ScheduledIndicator {
  id: string
  objectiveId: string
  name: string
  unit: string
  partnerId: string | null
}
export interface PlanSnapshot {
  start: string | null
  actions: SnapshotAction[]
  objectives: SnapshotObjective[]
  indicators: SnapshotIndicator[]
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const isStatus = (v: unknown): v is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(v)
const isFrequency = (v: unknown): v is CollectionFrequency => (COLLECTION_FREQUENCIES as readonly unknown[]).includes(v)

export function readPlanSnapshot(doc: Y.Doc): PlanSnapshot {
  const actions: SnapshotAction[] = []
  actionsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const responsible = map.get('responsible')
    const status = map.get('status')
    actions.push({
      id,
      title: str(map.get('title')),
      objective: str(map.get('objective')),
      objectiveId: strOrNull(map.get('objectiveId')),
      deadline: strOrNull(map.get('deadline')),
      status: isStatus(status) ? status : 'proposed',
      progress: numOrNull(map.get('progress')) ?? 0,
      accountable: strOrNull(map.get('accountable')),
      responsible: responsible instanceof Y.Array ? responsible.toArray().filter((r): r is string => typeof r === 'string') : [],
    })
  })
  const objectives: SnapshotObjective[] = []
  objectivesOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const kind = map.get('kind')
    if (kind !== 'strategic' && kind !== 'operational') return
    objectives.push({ id, kind, title: str(map.get('title')), order: str(map.get('order')) })
  })
  objectives.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
  const indicators: SnapshotIndicator[] = []
  indicatorsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const frequency = map.get('frequency')
    indicators.push({
      id,
      objectiveId: str(map.get('objectiveId')),
      name: str(map.get('name')),
      unit: str(map.get('unit')),
      partnerId: strOrNull(map.get('partnerId')),
      baseline: numOrNull(map.get('baseline')),
      target: numOrNull(map.get('target')),
      targetDate: strOrNull(map.get('targetDate')),
      frequency: isFrequency(frequency) ? frequency : 'once',
      values: readIndicatorValues(map),
    })
  })
  indicators.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { start: strOrNull(readPlanMeta(doc).start), actions, objectives, indicators }
}
