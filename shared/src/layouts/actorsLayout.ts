import * as Y from 'yjs'
import type { MapActorInput } from '../entities/actor.ts'
import type { ContactLogEntry } from '../entities/contactLogEntry.ts'
import type { SelectionCriterion } from '../entities/selectionCriterion.ts'
import { ROOT } from './documents.ts'

/**
 * Typed access to the `actors` document (MAP): its own room, because the map of up to
 * LIMITS.maxActors actors and their contact log has its own size and its own writers. Actors and
 * criteria are Y.Maps of plain values keyed by id; the contact log is a map of plain entries keyed
 * by id, which only grows (adding a key is the one change it accepts, MAP4).
 */
export type ActorMap = Y.Map<unknown>

export const actorsOf = (doc: Y.Doc): Y.Map<ActorMap> => doc.getMap<ActorMap>(ROOT.actors)
export const actorCriteriaOf = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap<Y.Map<unknown>>(ROOT.actorCriteria)
export const contactLogOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ROOT.contactLog)

export const actorEntity = (id: string): string => `actors/${id}`
export const actorCriterionEntity = (id: string): string => `actorCriteria/${id}`
export const contactEntryEntity = (id: string): string => `contactLog/${id}`

const plainMap = (input: object): Y.Map<unknown> =>
  new Y.Map<unknown>(Object.entries(input).map(([k, v]) => [k, v !== null && typeof v === 'object' ? (Array.isArray(v) ? [...v] : { ...v }) : v]))

/** A new actor as a live edit writes it: never converted, no partner yet. */
export const buildActor = (input: MapActorInput): ActorMap => plainMap({ ...input, partnerId: null })

export const buildActorCriterion = (input: SelectionCriterion): Y.Map<unknown> => plainMap(input)

/** Appends one contact log entry (the only write the log accepts). */
export const appendContact = (doc: Y.Doc, id: string, entry: ContactLogEntry): void => {
  contactLogOf(doc).set(id, { ...entry })
}

/** The contact log entries of one actor, oldest first. */
export function contactsOfActor(doc: Y.Doc, actorId: string): (ContactLogEntry & { id: string })[] {
  const out: (ContactLogEntry & { id: string })[] = []
  contactLogOf(doc).forEach((entry, id) => {
    if (entry !== null && typeof entry === 'object' && (entry as ContactLogEntry).actorId === actorId) out.push({ ...(entry as ContactLogEntry), id })
  })
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.at - b.at)
}
