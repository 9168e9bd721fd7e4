import type { ActorStatus } from '../entities/actor.ts'

/**
 * The score of an actor (MAP5): the weighted mean of its scores (0–5) over the selection criteria,
 * each weighing its weight; a criterion the actor was not scored on counts 0 (an actor nobody
 * assessed does not outrank one that was), a score on a criterion that no longer exists is ignored.
 * Null when there is no criterion to weigh. Rounded to two decimals, so equal inputs sort equally.
 */
export function actorScore(scores: Readonly<Record<string, number>>, criteria: Iterable<{ id: string; weight: number }>): number | null {
  let total = 0
  let weights = 0
  for (const { id, weight } of criteria) {
    if (!(weight > 0)) continue
    const score = Object.hasOwn(scores, id) ? scores[id]! : 0
    total += weight * score
    weights += weight
  }
  return weights === 0 ? null : Math.round((total / weights) * 100) / 100
}

/**
 * The shortlist (MAP5): the actors marked shortlisted, best score first (no score last), then by
 * name in French order so the list is stable.
 */
export function shortlist<T extends { status: ActorStatus; name: string; score: number | null }>(actors: Iterable<T>): T[] {
  return [...actors].filter((a) => a.status === 'shortlisted').sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'fr'))
}
