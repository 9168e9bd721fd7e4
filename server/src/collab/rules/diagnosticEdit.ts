import {
  can,
  diagItemEntity,
  diagItemsOf,
  diagNeedsEntity,
  diagNeedsOf,
  diagSharedEntity,
  diagSharedOf,
  LIMITS,
  projectOf,
  readPlainFields,
  ROOT,
  validateDiagnosticItem,
  validatePartnerNeeds,
  validateProject,
  validateSharedItem,
  violationInputs,
  type LocalizedText,
  type RuleViolation,
} from '@ensemble/shared'
import * as Y from 'yjs'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { invalid, malformed } from './refusals.ts'

const MESSAGES = {
  ownMatrix: {
    fr: 'Seuls les membres de ce partenaire (dont le rôle écrit) modifient sa matrice et ses besoins.',
    en: 'Only this partner’s members (whose role writes) change its matrix and its needs.',
  },
  partnerFixed: {
    fr: 'Un point appartient au partenaire qui l’a écrit : son partenaire ne change pas.',
    en: 'A point belongs to the partner who wrote it: its partner does not change.',
  },
  shared: {
    fr: 'Seuls l’administration et le comité de pilotage modifient la matrice commune.',
    en: 'Only admin and steering change the shared matrix.',
  },
  project: {
    fr: 'Seuls l’administration et le comité de pilotage modifient le projet.',
    en: 'Only admin and steering change the project.',
  },
} satisfies Record<string, LocalizedText>

function forbid(rule: 'DIAG2' | 'DIAG4' | 'PROJ2', message: LocalizedText, entity: string, field?: string): EditRefusal {
  return field === undefined ? { code: 'edit_forbidden', rule, entity, message } : { code: 'edit_forbidden', rule, entity, field, message }
}

/**
 * A plain field of a map as it is now, or as it was when the map was just removed or replaced (its
 * items are deleted but their content is intact until garbage collection, after the transaction).
 */
function fieldOf(map: unknown, key: string): unknown {
  if (!(map instanceof Y.Map)) return undefined
  const item = map._map.get(key)
  if (!item || item.content instanceof Y.ContentDeleted) return undefined
  const values = item.content.getContent()
  return values[values.length - 1]
}

/** What one edit did to one entity of a map root. */
interface EntityEdit {
  created: boolean
  fields: Set<string>
}

function editOf(edits: Map<string, EntityEdit>, id: string): EntityEdit {
  let edit = edits.get(id)
  if (!edit) edits.set(id, (edit = { created: false, fields: new Set() }))
  return edit
}

/** The first violation an edit is to blame for (every one, for a new entity). */
const blamed = (violations: RuleViolation[], edit: EntityEdit): RuleViolation | undefined =>
  edit.created ? violations[0] : violations.find((v) => violationInputs(v).some((input) => edit.fields.has(input)))

/**
 * The rules of « Diagnostic et projet » for one edit: a partner's points and needs are written only
 * by its own writing members, and a point stays its partner's (DIAG2); the shared matrix is
 * steering's (DIAG4) and the project too (PROJ2); then each changed entity is validated (DIAG1,
 * DIAG3, DIAG4, PROJ1), blamed only for what the edit changed, and the points stay bounded (DIAG1).
 */
export function checkDiagnosticEdit(input: EditCheckInput): EditRefusal | null {
  const { identity, doc, context, changes } = input
  const own = context.members.get(identity.userId)?.partnerId ?? null
  const mayWriteFor = (partnerId: unknown) => can(identity, 'diagnostic.ownMatrix', { ownPartner: own !== null && partnerId === own })
  const itemEdits = new Map<string, EntityEdit>()
  const needsEdits = new Map<string, EntityEdit>()
  const sharedEdits = new Map<string, EntityEdit>()
  const projectKeys = new Set<string>()

  // ---- what changed, and who may change it ------------------------------------------------------
  for (const type of changes.types) {
    const { root, path } = type
    const id = path[0]
    if (root === ROOT.project) {
      if (type.content || path.length > 0) return malformed('VAL1', root, typeof id === 'string' ? id : undefined)
      if (!can(identity, 'diagnostic.project')) return forbid('PROJ2', MESSAGES.project, root, type.keys[0]?.key)
      for (const { key } of type.keys) projectKeys.add(key)
      continue
    }
    const entityOf = root === ROOT.diagItems ? diagItemEntity : root === ROOT.diagNeeds ? diagNeedsEntity : root === ROOT.diagShared ? diagSharedEntity : null
    if (!entityOf) return malformed('VAL22', root)
    if (type.content || path.length > 1) return malformed(path.length === 0 ? 'VAL22' : 'VAL1', typeof id === 'string' ? entityOf(id) : root)
    const edits = root === ROOT.diagItems ? itemEdits : root === ROOT.diagNeeds ? needsEdits : sharedEdits
    if (path.length === 0) {
      // Entities added, replaced or removed.
      for (const { key, change, before } of type.keys) {
        const entity = entityOf(key)
        if (root === ROOT.diagShared) {
          if (!can(identity, 'diagnostic.shared')) return forbid('DIAG4', MESSAGES.shared, entity)
        } else {
          const partnerOf = (map: unknown) => (root === ROOT.diagNeeds ? key : fieldOf(map, 'partnerId'))
          if (change !== 'delete' && !mayWriteFor(partnerOf(type.target instanceof Y.Map ? type.target.get(key) : undefined))) {
            return forbid('DIAG2', MESSAGES.ownMatrix, entity, 'partnerId')
          }
          if (change !== 'add' && !mayWriteFor(partnerOf(before))) return forbid('DIAG2', MESSAGES.ownMatrix, entity, 'partnerId')
        }
        if (change !== 'delete') editOf(edits, key).created = true
      }
      continue
    }
    if (typeof id !== 'string') return malformed('VAL22', root)
    const entity = entityOf(id)
    const edit = editOf(edits, id)
    for (const { key } of type.keys) edit.fields.add(key)
    if (root === ROOT.diagShared) {
      if (!can(identity, 'diagnostic.shared')) return forbid('DIAG4', MESSAGES.shared, entity, type.keys[0]?.key)
    } else if (root === ROOT.diagNeeds) {
      if (!mayWriteFor(id)) return forbid('DIAG2', MESSAGES.ownMatrix, entity, type.keys[0]?.key)
    } else {
      const partnerId = type.keys.find((k) => k.key === 'partnerId')
      if (!mayWriteFor(partnerId ? partnerId.before : fieldOf(type.target, 'partnerId'))) {
        return forbid('DIAG2', MESSAGES.ownMatrix, entity, type.keys[0]?.key)
      }
      if (partnerId) return forbid('DIAG2', MESSAGES.partnerFixed, entity, 'partnerId')
    }
  }

  // ---- bounds -------------------------------------------------------------------------------------
  const items = diagItemsOf(doc)
  const shared = diagSharedOf(doc)
  const grew = [...itemEdits.values(), ...sharedEdits.values()].some((e) => e.created)
  if (grew && items.size + shared.size > LIMITS.maxDiagnosticItems) {
    return invalid({
      rule: 'DIAG1',
      entity: ROOT.diagItems,
      message: {
        fr: `Limite atteinte : au plus ${LIMITS.maxDiagnosticItems} points.`,
        en: `Limit reached: at most ${LIMITS.maxDiagnosticItems} points.`,
      },
    })
  }

  // ---- what the changed entities are --------------------------------------------------------------
  for (const [id, edit] of itemEdits) {
    const map = items.get(id)
    if (map === undefined) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', diagItemEntity(id))
    const violation = blamed(validateDiagnosticItem(readPlainFields(map), context.partners, diagItemEntity(id)), edit)
    if (violation) return invalid(violation)
  }
  const needs = diagNeedsOf(doc)
  for (const [partnerId, edit] of needsEdits) {
    const map = needs.get(partnerId)
    if (map === undefined) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', diagNeedsEntity(partnerId))
    const violation = blamed(validatePartnerNeeds(partnerId, readPlainFields(map), context.partners, diagNeedsEntity(partnerId)), edit)
    if (violation) return invalid(violation)
  }
  for (const [id, edit] of sharedEdits) {
    const map = shared.get(id)
    if (map === undefined) continue
    if (!(map instanceof Y.Map)) return malformed('VAL1', diagSharedEntity(id))
    const sourceOf = (itemId: string) => {
      const source = items.get(itemId)
      return source instanceof Y.Map ? { partnerId: source.get('partnerId') } : undefined
    }
    const violation = blamed(validateSharedItem(readPlainFields(map), sourceOf, diagSharedEntity(id)), edit)
    if (violation) return invalid(violation)
  }
  if (projectKeys.size > 0) {
    const violation = validateProject(readPlainFields(projectOf(doc))).find((v) => violationInputs(v).some((i) => projectKeys.has(i)))
    if (violation) return invalid(violation)
  }
  return null
}
