import {
  ADOPTION_RULES_KEY,
  can,
  checkRichTextItem,
  DOCUMENT_STATUSES,
  readMetaShape,
  ROOT,
  validateDocumentMeta,
  violationInputs,
  type DocumentStatus,
} from '@ensemble/shared'
import type * as Y from 'yjs'
import type { KeyChange } from '../changes.ts'
import type { EditCheckInput, EditRefusal } from '../pipeline/checks.ts'
import { forbidden, invalid, malformed } from './refusals.ts'

const STATUS_KEYS: ReadonlySet<string> = new Set(['status', 'adoptedVersionId'])

const asStatus = (value: unknown): DocumentStatus | undefined =>
  (DOCUMENT_STATUSES as readonly unknown[]).includes(value) ? (value as DocumentStatus) : undefined

/** What a missing status or adopted version means: a draft, no adopted version. */
const effective = (key: string, value: unknown): unknown => value ?? (key === 'status' ? 'draft' : null)

/** The root an item lives under, or null when it sits inside deleted content (invisible). */
function liveRoot(item: Y.Item): Y.AbstractType<any> | null {
  let type = item.parent as Y.AbstractType<any>
  while (type._item !== null) {
    if (type._item.deleted) return null
    type = type._item.parent as Y.AbstractType<any>
  }
  return type
}

/**
 * The rules of rich-text documents (vision, charter, agreement, convention) and minutes for one
 * edit: the lock of an adopted document, and the status that only the sign-off service changes
 * (PERM9, PERM10, SIGN10), who sets the charter's adoption rules (PERM8, SIGN9), the meta's shape
 * (VAL21), and every item the edit inserted into the content against the editor's schema
 * (VAL18–VAL20), so the cost follows the size of the edit.
 */
export function checkDocumentEdit({ identity, doc, docName, docKind, changes, inserted, context }: EditCheckInput): EditRefusal | null {
  // Approved minutes are fixed (GOV16); their state lives in SQL and reaches the rules with the context.
  if (docKind === 'minutes' && context.lockedDocs?.has(docName)) return forbidden('PERM10', 'minutesLocked', ROOT.content)
  const content = doc.getXmlFragment(ROOT.content)
  const meta = docKind === 'richText' ? doc.getMap<unknown>(ROOT.meta) : null
  let contentChanged = false
  const metaKeys: KeyChange[] = []
  for (const type of changes.types) {
    if (type.root === ROOT.content) contentChanged = true
    else if (meta !== null && type.root === ROOT.meta) {
      if (type.path.length > 0 || type.content) return malformed('VAL21', ROOT.meta)
      metaKeys.push(...type.keys)
    } else return malformed('VAL22', type.root)
  }

  // ---- permissions: status changes, then the lock --------------------------------------------------
  // The status moves only with sign-off (server changes, never checked here): proposing, adoption,
  // withdrawal, unlocking. A client writing the value it already has (a new document's `draft`) changes nothing.
  const statusKey = metaKeys.find((k) => STATUS_KEYS.has(k.key) && effective(k.key, k.before) !== effective(k.key, meta?.get(k.key)))
  if (statusKey) return forbidden('PERM10', 'statusBySignoff', ROOT.meta, statusKey.key)
  const rulesKey = metaKeys.find((k) => k.key === ADOPTION_RULES_KEY)
  if (rulesKey && !can(identity, 'signoff.manage')) return forbidden('PERM8', 'adoptionRules', ROOT.meta, rulesKey.key)
  const otherMeta = metaKeys.find((k) => !STATUS_KEYS.has(k.key))
  if (contentChanged || otherMeta) {
    const statusChange = metaKeys.find((k) => k.key === 'status')
    const after = asStatus(meta?.get('status'))
    const before = statusChange ? asStatus(statusChange.before) : after
    const entity = contentChanged ? ROOT.content : ROOT.meta
    const field = contentChanged ? undefined : otherMeta!.key
    if (before === 'adopted' || after === 'adopted') return forbidden('PERM10', 'documentLocked', entity, field)
    if (!can(identity, 'documents.write', { docStatus: before })) return forbidden('PERM9', 'documentUnderReview', entity, field)
  }

  // ---- validation --------------------------------------------------------------------------------
  if (meta !== null && metaKeys.length > 0) {
    const changed = new Set(metaKeys.map((k) => k.key))
    const shape = readMetaShape(meta)
    const blamed = [...shape.violations, ...validateDocumentMeta(shape.meta, ROOT.meta, docName)].find((v) =>
      violationInputs(v).some((input) => changed.has(input)),
    )
    if (blamed) return invalid(blamed)
  }
  for (const item of inserted) {
    const root = liveRoot(item)
    if (root === null) continue
    if (root === content) {
      const violation = checkRichTextItem(item)
      if (violation) return invalid(violation)
    } else if (root === meta) {
      // Meta values are plain: anything inside a type stored in meta is out of shape.
      if (item.parent !== meta) return malformed('VAL21', ROOT.meta)
    } else {
      return malformed('VAL22', '')
    }
  }
  return null
}
