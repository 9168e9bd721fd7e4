import * as Y from 'yjs'
import { docKind, ROOT, type DocKind } from '../layouts/documents.ts'
import { actionEntity } from './action.ts'
import { validateActorsDocument } from './actor.ts'
import { validateBalanceDocument } from './balanceDocument.ts'
import { bodyEntity, validateBody } from './body.ts'
import { validateDiagnosticDocument } from './diagnosticDocument.ts'
import { validateDocumentMeta } from './documentMeta.ts'
import { periodOf, validatePlanMeta } from './plan.ts'
import { checkRichTextItem } from './richText.ts'
import type { RuleViolation, WorkspaceContext } from './types.ts'
import { text } from './values.ts'
import { validateSteering } from './steeringDocument.ts'
import { checkActionMap, readBodyShape, readMetaShape } from './yShape.ts'

/** The root types each kind of document may hold, and their Yjs type (DESIGN §3). */
export const DOCUMENT_LAYOUT: Readonly<Record<DocKind, Readonly<Record<string, 'map' | 'xml'>>>> = {
  richText: { [ROOT.content]: 'xml', [ROOT.meta]: 'map' },
  minutes: { [ROOT.content]: 'xml' },
  plan: {
    [ROOT.actions]: 'map',
    [ROOT.objectives]: 'map',
    [ROOT.indicators]: 'map',
    [ROOT.questions]: 'map',
    [ROOT.meta]: 'map',
    [ROOT.balance]: 'map',
    [ROOT.actuals]: 'map',
    [ROOT.actualValidations]: 'map',
    [ROOT.frozenPeriods]: 'map',
  },
  governance: { [ROOT.bodies]: 'map', [ROOT.meetings]: 'map', [ROOT.decisions]: 'map' },
  diagnostic: { [ROOT.diagItems]: 'map', [ROOT.diagNeeds]: 'map', [ROOT.diagShared]: 'map', [ROOT.project]: 'map' },
  actors: { [ROOT.actors]: 'map', [ROOT.actorCriteria]: 'map', [ROOT.contactLog]: 'map' },
}

/**
 * Gives the layout's root types their Yjs type on `doc` (a document loaded from updates holds
 * untyped roots until someone asks for them), so validators can rely on `instanceof`.
 */
export function typeLayoutRoots(doc: Y.Doc, kind: DocKind): void {
  if (typed.has(doc)) return
  for (const [name, type] of Object.entries(DOCUMENT_LAYOUT[kind])) {
    if (type === 'map') doc.getMap(name)
    else doc.getXmlFragment(name)
  }
  typed.add(doc)
}

/** Documents whose layout roots are typed already (a root keeps its type for the document's life). */
const typed = new WeakSet<Y.Doc>()

/**
 * Every rule that applies to a whole document, entity by entity: what a document state must satisfy.
 * Its cost follows the size of the document: the server never calls it on the edit path (it checks
 * only what an edit changed); tests, fuzzers and tools do.
 */
export function validateDocument(doc: Y.Doc, docName: string, ctx: WorkspaceContext): RuleViolation[] {
  const kind = docKind(docName)
  if (kind === null) return [{ rule: 'VAL22', entity: '', message: text('Document inconnu.', 'Unknown document.') }]
  try {
    typeLayoutRoots(doc, kind)
  } catch {
    return [
      {
        rule: 'VAL22',
        entity: '',
        message: text('Un type racine n’a pas le type de la structure du document.', 'A root type does not have the type of the document’s layout.'),
      },
    ]
  }
  const out: RuleViolation[] = []
  const layout = DOCUMENT_LAYOUT[kind]
  for (const [name, type] of doc.share) {
    if (!Object.hasOwn(layout, name) && (hasSequenceContent(type) || hasMapContent(type))) {
      out.push({
        rule: 'VAL22',
        entity: name,
        message: text(`Type racine « ${name} » hors de la structure du document.`, `Root type “${name}” is not part of the document’s layout.`),
      })
    }
    if (layout[name] === 'map' && hasSequenceContent(type)) {
      out.push({ rule: 'VAL22', entity: name, message: text('Contenu de liste dans une table.', 'List content in a map.') })
    }
  }
  if (kind === 'plan') {
    const { meta, violations } = readMetaShape(doc.getMap(ROOT.meta))
    out.push(...violations, ...validatePlanMeta(meta))
    const period = periodOf(meta)
    doc.getMap<unknown>(ROOT.actions).forEach((value, id) => {
      const entity = actionEntity(id)
      if (!(value instanceof Y.Map)) {
        out.push({ rule: 'VAL1', entity, message: text('Une action est une table Yjs.', 'An action is a Yjs map.') })
        return
      }
      out.push(...checkActionMap(value, { workspace: ctx, period }, entity))
    })
    out.push(...validateSteering(doc, ctx, period), ...validateBalanceDocument(doc, ctx, period))
  } else if (kind === 'governance') {
    doc.getMap<unknown>(ROOT.bodies).forEach((value, id) => {
      const entity = bodyEntity(id)
      if (!(value instanceof Y.Map)) {
        out.push({ rule: 'VAL1', entity, message: text('Une instance est une table Yjs.', 'A body is a Yjs map.') })
        return
      }
      const shape = readBodyShape(value, entity)
      out.push(...shape.violations, ...validateBody(shape.body, ctx, entity))
    })
  } else if (kind === 'diagnostic') {
    out.push(...validateDiagnosticDocument(doc, ctx))
  } else if (kind === 'actors') {
    out.push(...validateActorsDocument(doc))
  } else {
    if (kind === 'richText') {
      const { meta, violations } = readMetaShape(doc.getMap(ROOT.meta))
      out.push(...violations, ...validateDocumentMeta(meta, 'meta', docName))
    }
    walkXml(doc.getXmlFragment(ROOT.content), out)
  }
  return out
}

/** A map root with items outside its map entries (written as if it were an array). */
function hasSequenceContent(type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return true
  return false
}

function hasMapContent(type: Y.AbstractType<any>): boolean {
  for (const item of type._map.values()) if (!item.deleted) return true
  return false
}

/** Checks every live item of an XML subtree (children, attributes, text and its marks). */
function walkXml(type: Y.AbstractType<any>, out: RuleViolation[]): void {
  type._map.forEach((item) => {
    if (item.deleted) return
    const violation = checkRichTextItem(item)
    if (violation) out.push(violation)
  })
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue
    const violation = checkRichTextItem(item)
    if (violation) out.push(violation)
    if (item.content instanceof Y.ContentType) walkXml(item.content.type as Y.AbstractType<any>, out)
  }
}
