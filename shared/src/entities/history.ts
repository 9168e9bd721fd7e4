import { z } from 'zod'
import { isDocName } from '../layouts/documents.ts'
import { idSchema } from '../ids.ts'

/**
 * A document's history and named versions (docs/SPEC.md §HIST): what the REST routes take in their
 * query strings and what they answer. The server builds these answers; the client reads them.
 */

/** A document's name in a path (`plan`, `charter`, `minutes:<meetingId>`…): one of the workspace's documents. */
export const docNameSchema = z.string().refine(isDocName, 'unknown document')

/** Items per page of history, versions and field history (`?limit=`, LOOP4). */
export const HISTORY_PAGE = { default: 50, max: 200 } as const

/** `?limit=`: an integer from 1 to HISTORY_PAGE.max, read as `Number()` reads it; HISTORY_PAGE.default when absent. */
const limitSchema = z
  .string()
  .optional()
  .refine(
    (raw) => raw === undefined || (Number.isInteger(Number(raw)) && Number(raw) >= 1 && Number(raw) <= HISTORY_PAGE.max),
    `an integer from 1 to ${HISTORY_PAGE.max}.`,
  )
  .transform((raw) => (raw === undefined ? HISTORY_PAGE.default : Number(raw)))

/** A page of log rows (sessions, an action's changes): the newest `limit` before the row `before`. */
export const rowPageQuerySchema = z.object({
  limit: limitSchema,
  before: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || (Number.isSafeInteger(Number(raw)) && Number(raw) >= 1), 'a row id (a positive integer).')
    .transform((raw) => (raw === undefined ? undefined : Number(raw))),
})

/** A page of named versions: the newest `limit` before the version `before` (a malformed id names no version). */
export const versionPageQuerySchema = z.object({ limit: limitSchema, before: idSchema.optional() })

/** `?gapMinutes=`: sessions split at pauses longer than this, from 1 to 1440 (30 when absent). */
export const sessionGapQuerySchema = z.object({
  gapMinutes: z
    .string()
    .optional()
    .refine((raw) => raw === undefined || (Number.isInteger(Number(raw)) && Number(raw) >= 1 && Number(raw) <= 1440), 'an integer from 1 to 1440.')
    .transform((raw) => (raw === undefined ? undefined : Number(raw))),
})

/** A side of a diff: a version id, or `current` (the document now, also when absent). */
const versionRefSchema = z.union([z.literal('current'), idSchema]).default('current')
export const diffQuerySchema = z.object({ from: versionRefSchema, to: versionRefSchema })

/** Who made a change, as history shows them (null id: the server itself, e.g. a restore). */
export const authorViewSchema = z.object({ id: z.string().nullable(), name: z.string(), partnerName: z.string().nullable() })

/** Edits of one author with short pauses between them. */
export const historySessionSchema = z.object({
  author: authorViewSchema,
  from: z.string(),
  to: z.string(),
  firstRowId: z.number().int(),
  lastRowId: z.number().int(),
  edits: z.number().int(),
  /** What the session touched: a root, or a root and an entity key (e.g. `actions/a1`, `meta/status`). */
  touched: z.array(z.string()),
})
export type HistorySessionView = z.infer<typeof historySessionSchema>

/** A named version: a position in the document's log, with the sign-off hash of that state. */
export const versionViewSchema = z.object({
  id: z.string(),
  docName: z.string(),
  name: z.string(),
  rowId: z.number().int(),
  contentHash: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type VersionView = z.infer<typeof versionViewSchema>

/** One change of one field of a plan action (`created` and `deleted`: the whole action), with its sentence. */
export const actionChangeSchema = z.object({
  kind: z.enum(['created', 'changed', 'deleted']),
  field: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  rowId: z.number().int(),
  at: z.string(),
  author: authorViewSchema,
  text: z.object({ fr: z.string(), en: z.string() }),
})
export type ActionChangeView = z.infer<typeof actionChangeSchema>

/** A document as JSON (its roots by name), as a version or a restore shows it. */
export const documentJsonSchema = z.record(z.string(), z.unknown())

/** `GET …/versions/:versionId`: the version and the document as it was. */
export const versionDocumentSchema = z.object({ version: versionViewSchema, document: documentJsonSchema })
export type VersionDocument = z.infer<typeof versionDocumentSchema>

/** `POST …/versions/:versionId/restore`: the document now, the version restored on top. */
export const restoredDocumentSchema = z.object({ document: documentJsonSchema })

export const textPartSchema = z.object({ text: z.string(), op: z.enum(['equal', 'insert', 'delete']) })
export type TextPart = z.infer<typeof textPartSchema>

/**
 * A word diff between two states, in the document's layout: blocks of the rich text, then entries of
 * the maps (an action, a body, a meta key); past its bounds, how many of each were left out.
 */
export const documentDiffSchema = z.object({
  blocks: z.array(
    z.object({
      status: z.enum(['equal', 'inserted', 'deleted', 'changed']),
      type: z.string(),
      attrs: z.record(z.string(), z.unknown()).optional(),
      parts: z.array(textPartSchema),
    }),
  ),
  entries: z.array(
    z.object({
      root: z.string(),
      key: z.string(),
      status: z.enum(['inserted', 'deleted', 'changed']),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  omitted: z.object({ blocks: z.number().int(), entries: z.number().int() }),
})
export type DocumentDiff = z.infer<typeof documentDiffSchema>
