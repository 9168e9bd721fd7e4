/**
 * The Yjs documents ("rooms") of a workspace, split along permission and size boundaries.
 * See docs/ARCHITECTURE.md §Documents.
 */
export const RICH_TEXT_DOCS = ['vision', 'charter', 'agreement', 'convention'] as const
export type RichTextDocName = (typeof RICH_TEXT_DOCS)[number]

export type DocKind = 'richText' | 'plan' | 'governance' | 'minutes' | 'diagnostic' | 'actors'

const MINUTES_PREFIX = 'minutes:'
const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Returns the kind of a document name, or null when the name is not one Ensemble knows. */
export function docKind(docName: string): DocKind | null {
  if ((RICH_TEXT_DOCS as readonly string[]).includes(docName)) return 'richText'
  if (docName === 'plan') return 'plan'
  if (docName === 'governance') return 'governance'
  if (docName === 'diagnostic') return 'diagnostic'
  if (docName === 'actors') return 'actors'
  if (docName.startsWith(MINUTES_PREFIX) && MEETING_ID.test(docName.slice(MINUTES_PREFIX.length))) return 'minutes'
  return null
}

export const isDocName = (docName: string): boolean => docKind(docName) !== null

export const minutesDocName = (meetingId: string): string => `${MINUTES_PREFIX}${meetingId}`

/** Top-level Yjs type names. The TipTap fragment is always `content`. */
export const ROOT = {
  content: 'content',
  meta: 'meta',
  actions: 'actions',
  objectives: 'objectives',
  indicators: 'indicators',
  /** The plan's evaluation questions (EVQ). */
  questions: 'questions',
  /** The partners' balance (BAL): settings, declared actuals, validations, frozen periods. */
  balance: 'balance',
  actuals: 'actuals',
  actualValidations: 'actualValidations',
  frozenPeriods: 'frozenPeriods',
  bodies: 'bodies',
  meetings: 'meetings',
  decisions: 'decisions',
  /** « Diagnostic et projet » (DIAG, PROJ): partners' MOFF items, their needs, the shared matrix, the formalised project. */
  diagItems: 'diagItems',
  diagNeeds: 'diagNeeds',
  diagShared: 'diagShared',
  project: 'project',
  /** The map of actors (MAP): potential partners, the selection criteria, the contact log. */
  actors: 'actors',
  actorCriteria: 'actorCriteria',
  contactLog: 'contactLog',
} as const
