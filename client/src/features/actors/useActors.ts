import {
  actorCriteriaOf,
  actorScore,
  actorsOf,
  contactLogOf,
  familyOf,
  type ActorStatus,
  type ContactLogEntry,
  type PartnerFamily,
  type PartnerType,
} from '@ensemble/shared'
import { useMemo, useSyncExternalStore } from 'react'
import * as Y from 'yjs'

export interface ActorRow {
  id: string
  name: string
  type: PartnerType
  family: PartnerFamily
  expectations: string
  influence: number
  interest: number
  nuisance: number
  perimeter: string
  synergies: string
  status: ActorStatus
  scores: Record<string, number>
  partnerId: string | null
  score: number | null
}

export interface CriterionRow {
  id: string
  name: string
  weight: number
  order: string
}

export interface ActorsSnapshot {
  actors: ActorRow[]
  criteria: CriterionRow[]
  contacts: (ContactLogEntry & { id: string })[]
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)

function read(doc: Y.Doc): ActorsSnapshot {
  const criteria: CriterionRow[] = []
  actorCriteriaOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) criteria.push({ id, name: str(map.get('name')), weight: num(map.get('weight'), 1), order: str(map.get('order')) })
  })
  criteria.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
  const actors: ActorRow[] = []
  actorsOf(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return
    const type = str(map.get('type')) as PartnerType
    const scores = (map.get('scores') ?? {}) as Record<string, number>
    actors.push({
      id,
      name: str(map.get('name')),
      type,
      family: familyOf(type) ?? 'pairs',
      expectations: str(map.get('expectations')),
      influence: num(map.get('influence'), 1),
      interest: num(map.get('interest'), 1),
      nuisance: num(map.get('nuisance'), 1),
      perimeter: str(map.get('perimeter')),
      synergies: str(map.get('synergies')),
      status: (str(map.get('status')) || 'identified') as ActorStatus,
      scores,
      partnerId: typeof map.get('partnerId') === 'string' ? (map.get('partnerId') as string) : null,
      score: actorScore(scores, criteria),
    })
  })
  actors.sort((a, b) => a.name.localeCompare(b.name, 'fr'))
  const contacts: (ContactLogEntry & { id: string })[] = []
  contactLogOf(doc).forEach((entry, id) => {
    if (entry !== null && typeof entry === 'object' && !(entry instanceof Y.AbstractType)) contacts.push({ ...(entry as ContactLogEntry), id })
  })
  contacts.sort((a, b) => b.date.localeCompare(a.date) || b.at - a.at)
  return { actors, criteria, contacts }
}

/** The map of actors, live: any change to its three roots (from here, another member, a compensation) makes a new snapshot. */
export function useActors(doc: Y.Doc): ActorsSnapshot {
  const store = useMemo(() => {
    const roots = [actorsOf(doc), actorCriteriaOf(doc), contactLogOf(doc)] as Y.AbstractType<any>[]
    let snapshot: ActorsSnapshot | null = null
    return {
      subscribe(onChange: () => void): () => void {
        const handler = () => {
          snapshot = null
          onChange()
        }
        for (const root of roots) root.observeDeep(handler)
        return () => {
          for (const root of roots) root.unobserveDeep(handler)
        }
      },
      getSnapshot: (): ActorsSnapshot => (snapshot ??= read(doc)),
    }
  }, [doc])
  return useSyncExternalStore(store.subscribe, store.getSnapshot)
}
