import { bodyEntity, can, readBodyShape, ROOT, validateBody, violationInputs } from '@ensemble/shared'
import * as Y from 'yjs'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { forbidden, invalid, malformed } from './refusals.ts'

interface BodyEdit {
  created: boolean
  deleted: boolean
  fields: Set<string>
}

/**
 * The rules of the `governance` document for one edit: only admin and steering edit it (PERM8);
 * each changed body keeps its shape and a reachable quorum over seats of existing partners
 * (VAL1, VAL2, VAL15–VAL17), blamed on the edit only when it changed their inputs.
 */
export function checkGovernanceEdit({ identity, doc, changes, context }: EditCheckInput): EditRefusal | null {
  const edits = new Map<string, BodyEdit>()
  const editOf = (id: string): BodyEdit => {
    let edit = edits.get(id)
    if (!edit) edits.set(id, (edit = { created: false, deleted: false, fields: new Set() }))
    return edit
  }
  for (const type of changes.types) {
    const { root, path } = type
    if (root === ROOT.bodies) {
      if (!can(identity, 'governance.bodies')) return forbidden('PERM8', 'steeringOnly', path[0] ? bodyEntity(path[0]) : root, path[1] ?? undefined)
      if (path.length === 0) {
        if (type.content) return malformed('VAL22', root)
        for (const { key, change } of type.keys) {
          const edit = editOf(key)
          if (change !== 'delete') edit.created = true
          if (change !== 'add') edit.deleted = true
        }
        continue
      }
      const id = path[0]
      const field = path[1]
      if (typeof id !== 'string' || field === null) return malformed('VAL22', root)
      const entity = bodyEntity(id)
      if (type.content && !(path.length === 2 && field === 'mandate')) return malformed('VAL1', entity, field)
      const edit = editOf(id)
      if (field === undefined) for (const key of type.keys) edit.fields.add(key.key)
      else edit.fields.add(field)
    } else if (root === ROOT.meetings || root === ROOT.decisions) {
      if (!can(identity, 'governance.meetings')) return forbidden('PERM8', 'steeringOnly', root)
    } else {
      return malformed('VAL22', root)
    }
  }
  const bodies = doc.getMap<unknown>(ROOT.bodies)
  for (const [id, edit] of edits) {
    if (edit.deleted && !edit.created) continue
    const entity = bodyEntity(id)
    const map = bodies.get(id)
    if (!(map instanceof Y.Map)) return malformed('VAL1', entity)
    const shape = readBodyShape(map, entity)
    const violations = [...shape.violations, ...validateBody(shape.body, context, entity)]
    const blamed = edit.created ? violations[0] : violations.find((v) => violationInputs(v).some((input) => edit.fields.has(input)))
    if (blamed) return invalid(blamed)
  }
  return null
}
