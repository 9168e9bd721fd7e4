import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import type { Action } from '../entities/action.ts'
import { actionsOf, readAction, sortedActionIds } from '../layouts/planLayout.ts'
import { MESSAGE } from './messageTypes.ts'

/**
 * The websocket query parameter by which the plan page asks for a first screen (`?preview=1`, with
 * `sync=v2&fresh=1`): message type 103, sent before the whole document (PROTOCOL §4d).
 */
export const PREVIEW_PARAM = { name: 'preview', value: '1' } as const
/** Actions in a preview: more than a screen of the plan table. */
export const PLAN_PREVIEW_ROWS = 40
/** Plans with fewer actions get no preview: their whole document arrives in moments. */
export const PLAN_PREVIEW_MIN_ACTIONS = 200

/** The first actions of a plan in plan order, and how many there are in all. */
export interface PlanPreview {
  count: number
  rows: { id: string; action: Action }[]
}

export function planPreviewOf(doc: Y.Doc, rows = PLAN_PREVIEW_ROWS): PlanPreview {
  const actions = actionsOf(doc)
  const ids = sortedActionIds(doc).slice(0, rows)
  return { count: actions.size, rows: ids.map((id) => ({ id, action: readAction(actions.get(id)!) })) }
}

/** Message type 103: varUint type, varString JSON of the preview. */
export function encodePlanPreview(preview: PlanPreview): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MESSAGE.planPreview)
  encoding.writeVarString(encoder, JSON.stringify(preview))
  return encoding.toUint8Array(encoder)
}

/** Reads the body of a type-103 message after its type; throws on anything but a preview's shape. */
export function readPlanPreview(decoder: decoding.Decoder): PlanPreview {
  const value = JSON.parse(decoding.readVarString(decoder)) as Partial<PlanPreview>
  if (
    typeof value?.count !== 'number' ||
    !Array.isArray(value.rows) ||
    !value.rows.every((r) => typeof r?.id === 'string' && typeof r.action === 'object' && r.action !== null)
  ) {
    throw new Error('malformed plan preview')
  }
  return value as PlanPreview
}
