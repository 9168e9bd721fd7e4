import {
  actionsOf,
  bodiesOf,
  buildAction,
  buildBody,
  contentOf,
  docKind,
  documentMetaOf,
  planMetaOf,
  ROOT,
  validateDocument,
  type DocumentStatus,
  type Role,
  type RuleViolation,
  type WorkspaceContext,
} from '@ensemble/shared'
import * as Y from 'yjs'
import { canonicalJson } from '../helpers/canonical.ts'

/**
 * The alliance the rule tests play in: one member per role, two editors on action `a1` (its
 * accountable `ea` and its responsible `er`), another editor `eo`, and two partners.
 */
export const PEOPLE = {
  ad: 'admin',
  st: 'steering',
  ea: 'editor',
  er: 'editor',
  eo: 'editor',
  co: 'commenter',
  ob: 'observer',
} as const satisfies Record<string, Role>
export type Person = keyof typeof PEOPLE

export function contextOf(members: Record<string, Role>, partners: string[] = ['p1', 'p2']): WorkspaceContext {
  return {
    members: new Map(Object.entries(members).map(([userId, role]) => [userId, { role, partnerId: 'p1' }])),
    partners: new Set(partners),
  }
}

export const PLAN_PERIOD = { start: '2026-01-01', end: '2027-12-31' } as const

/** A plan with a period, a planned action `a1` and a bare proposal `p1`, all valid. */
export function seedPlan(doc: Y.Doc): void {
  const meta = planMetaOf(doc)
  meta.set('title', 'Plan d’action')
  meta.set('start', PLAN_PERIOD.start)
  meta.set('end', PLAN_PERIOD.end)
  actionsOf(doc).set(
    'a1',
    buildAction({
      title: 'Classes de mer',
      order: 'a0',
      status: 'planned',
      start: '2026-03-01',
      deadline: '2026-09-30',
      progress: 20,
      accountable: 'ea',
      responsible: ['er'],
      consulted: ['co'],
      informed: ['ob'],
      milestones: { m1: { title: 'Première classe', date: '2026-06-01', done: false, order: 'a0' } },
      resources: { r1: { label: 'Transport', amount: 1200, unit: 'EUR', partnerId: 'p1' } },
    }),
  )
  actionsOf(doc).set('p1', buildAction({ title: 'Proposition', order: 'a1' }))
}

/** A governance document with one body `b1` (3 seats, quorum 2). */
export function seedGovernance(doc: Y.Doc): void {
  bodiesOf(doc).set(
    'b1',
    buildBody({
      name: 'Comité de pilotage',
      level: 'strategic',
      mandate: 'Suivre le plan',
      seats: { p1: 2, p2: 1 },
      decisionRule: 'simple_majority',
      quorum: 2,
      cadence: 'monthly',
      chair: 'st',
      order: 'a0',
    }),
  )
}

/** A rich-text document with one paragraph and the given status. */
export function seedRichText(doc: Y.Doc, status: DocumentStatus = 'draft'): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Article 1')])
  contentOf(doc).insert(0, [paragraph])
  const meta = documentMetaOf(doc)
  meta.set('title', 'Charte')
  meta.set('status', status)
  meta.set('adoptedVersionId', status === 'adopted' ? 'v1' : null)
}

/** Everything a replica of `docName` shows, as one canonical string (equal replicas, equal strings). */
export function snapshot(doc: Y.Doc, docName: string): string {
  const kind = docKind(docName)
  const roots: Record<string, unknown> = {}
  for (const [name, type] of doc.share) {
    // Roots outside the layout are shown too, so content nobody should see is noticed.
    if (!hasLiveContent(type)) continue
    if (kind === 'plan' || kind === 'governance' || kind === 'diagnostic' || kind === 'actors' || name === ROOT.meta) roots[name] = doc.getMap(name).toJSON()
    else if (name === ROOT.content) roots[name] = doc.getXmlFragment(name).toString()
    else roots[name] = `${type._start !== null ? 'sequence' : ''}${[...type._map.keys()].join(',')}`
  }
  return canonicalJson(roots)
}

function hasLiveContent(type: Y.AbstractType<any>): boolean {
  for (let item = type._start; item !== null; item = item.right) if (!item.deleted) return true
  for (const item of type._map.values()) if (!item.deleted) return true
  return false
}

/** Every violation of every rule in a whole document (what a stored state must never have). */
export function violationsIn(doc: Y.Doc, docName: string, context: WorkspaceContext): RuleViolation[] {
  return validateDocument(doc, docName, context)
}

/** Replays stored updates one by one and returns the first state (row index) that breaks a rule. */
export function firstInvalidState(
  rows: readonly Uint8Array[],
  docName: string,
  context: WorkspaceContext,
): { row: number; violations: RuleViolation[] } | null {
  const doc = new Y.Doc()
  for (const [row, update] of rows.entries()) {
    Y.applyUpdate(doc, update)
    const violations = violationsIn(doc, docName, context)
    if (violations.length > 0) return { row, violations }
  }
  return null
}
