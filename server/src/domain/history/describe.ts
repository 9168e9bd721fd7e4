import type { Author } from './authors.ts'
import { authorLabel } from './authors.ts'
import type { ActionField, FieldChange } from './fieldHistory.ts'

type Locale = 'fr' | 'en'

const FIELD_LABELS: Record<ActionField, { fr: string; en: string }> = {
  title: { fr: 'titre', en: 'title' },
  objective: { fr: 'objectif (texte libre)', en: 'objective (free text)' },
  objectiveId: { fr: 'objectif servi', en: 'objective served' },
  description: { fr: 'description', en: 'description' },
  start: { fr: 'début', en: 'start' },
  deadline: { fr: 'échéance', en: 'deadline' },
  status: { fr: 'statut', en: 'status' },
  progress: { fr: 'avancement', en: 'progress' },
  blockedReason: { fr: 'motif de blocage', en: 'blocked reason' },
  accountable: { fr: 'responsable (A)', en: 'accountable' },
  responsible: { fr: 'réalisateurs (R)', en: 'responsible' },
  consulted: { fr: 'consultés (C)', en: 'consulted' },
  informed: { fr: 'informés (I)', en: 'informed' },
  milestones: { fr: 'jalons', en: 'milestones' },
  resources: { fr: 'ressources', en: 'resources' },
  order: { fr: 'position', en: 'position' },
  decisionIds: { fr: 'décisions liées', en: 'linked decisions' },
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const DATE_FIELDS = new Set<ActionField>(['start', 'deadline'])
const VALUE_FIELDS = new Set<ActionField>(['title', 'status', 'progress', 'accountable'])

/** "1 March" / "1 mars" for an ISO date (UTC, so the day never shifts). */
export function formatDay(isoOrEpoch: string | number, locale: Locale, withYear = false): string {
  const date = typeof isoOrEpoch === 'number' ? new Date(isoOrEpoch) : new Date(`${isoOrEpoch}T00:00:00Z`)
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: typeof isoOrEpoch === 'number' ? 'short' : 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date)
}

function formatValue(field: ActionField, value: unknown, locale: Locale, authors: Map<string, Author>): string {
  if (value === null || value === undefined || value === '') return locale === 'fr' ? '(vide)' : '(empty)'
  if (DATE_FIELDS.has(field) && typeof value === 'string' && ISO_DATE.test(value)) return formatDay(value, locale)
  if (field === 'accountable' && typeof value === 'string') return authors.get(value)?.name ?? value
  if (field === 'progress') return `${String(value)} %`
  return String(value)
}

/**
 * One sentence per change, e.g. "échéance déplacée du 1 mars au 15 avril par Claire (Ville de
 * Lille), 12 févr." / "deadline moved from 1 March to 15 April by Claire (Ville de Lille), 12 Feb".
 */
export function describeFieldChange(change: FieldChange, authors: Map<string, Author>, locale: Locale): string {
  const by = `${locale === 'fr' ? 'par' : 'by'} ${authorLabel(change.authorId ? authors.get(change.authorId) : undefined, locale)}, ${formatDay(change.at, locale)}`
  if (change.kind === 'created') return `${locale === 'fr' ? 'action créée' : 'action created'} ${by}`
  if (change.kind === 'deleted') return `${locale === 'fr' ? 'action supprimée' : 'action deleted'} ${by}`
  const field = change.field!
  const label = FIELD_LABELS[field][locale]
  const from = formatValue(field, change.before, locale, authors)
  const to = formatValue(field, change.after, locale, authors)
  if (DATE_FIELDS.has(field)) {
    return locale === 'fr' ? `${label} déplacé${field === 'deadline' ? 'e' : ''} du ${from} au ${to} ${by}` : `${label} moved from ${from} to ${to} ${by}`
  }
  if (VALUE_FIELDS.has(field)) return locale === 'fr' ? `${label} : ${from} → ${to} ${by}` : `${label} changed from ${from} to ${to} ${by}`
  return locale === 'fr' ? `${label} : modification ${by}` : `${label} changed ${by}`
}
