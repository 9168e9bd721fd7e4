import { z } from 'zod'

/**
 * What a client may put in its presence (awareness) state besides `user`, which the server always
 * stamps itself (PRES1). The web client sends one field: `cursor`, set by TipTap's collaboration
 * caret (y-tiptap's `yCursorPlugin`) to the anchor and head of the selection as Yjs relative
 * positions, or null when the editor loses focus; and `focus`, the table cell being edited. The server keeps only these fields, each only
 * when it has this shape (docs/SPEC.md LIM7); anything else a client adds is dropped, never relayed.
 */

/** A Yjs item id as JSON: the client that created the item and its clock there. */
const yIdSchema = z.strictObject({
  client: z.number().int().min(0).max(0xffffffff),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
})

/** `Y.RelativePosition` as `JSON.stringify` writes it (`Y.createRelativePositionFromJSON` reads it back). */
const relativePositionSchema = z.strictObject({
  type: yIdSchema.nullable().optional(),
  /** The name of a root type, e.g. `content`. */
  tname: z.string().max(64).nullable().optional(),
  item: yIdSchema.nullable().optional(),
  /** Which side of the position the character it sticks to is on (Yjs uses 0 and -1). */
  assoc: z.number().int().min(-1).max(1).optional(),
})

/** The caret and selection of a rich-text editor, or null (no editor focused). */
export const presenceCursorSchema = z.strictObject({ anchor: relativePositionSchema, head: relativePositionSchema }).nullable()

/**
 * The field of a structured document someone is editing (PLANUI5): the entity as the server's errors
 * name it (`actions/<id>`, `meta`…) and the field, or null. Short plain names only, so a member cannot
 * relay a large or crafted value to everyone through presence.
 */
export const presenceFocusSchema = z
  .strictObject({
    entity: z
      .string()
      .max(80)
      .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/),
    field: z
      .string()
      .max(40)
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/),
  })
  .nullable()
export type PresenceFocus = NonNullable<z.infer<typeof presenceFocusSchema>>

/** Every field a presence state may carry, with its schema; `user` is the server's (AWARENESS_USER_FIELD). */
export const PRESENCE_FIELDS = { cursor: presenceCursorSchema, focus: presenceFocusSchema } as const

/** The known fields of a client's presence state that have their schema's shape; the others are left out. */
export function knownPresenceFields(state: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const [field, schema] of Object.entries(PRESENCE_FIELDS)) {
    if (!Object.hasOwn(state, field)) continue
    const parsed = schema.safeParse(state[field])
    if (parsed.success) kept[field] = parsed.data
  }
  return kept
}
