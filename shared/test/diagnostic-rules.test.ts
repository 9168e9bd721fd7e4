import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  buildDiagnosticItem,
  buildSharedItem,
  byQuadrant,
  diagItemsOf,
  diagSharedOf,
  projectOf,
  sharedItemFrom,
  validateDiagnosticItem,
  validateDocument,
  validatePartnerNeeds,
  validateProject,
  validateSharedItem,
  type DiagnosticItem,
} from '../src/index.ts'

/** « Diagnostic et projet » (SPEC DIAG, PROJ): the pure rules, table-driven. */
const partners = new Set(['p1', 'p2'])
const item: DiagnosticItem = { partnerId: 'p1', quadrant: 'forces', text: 'Ancrage local', detail: '', order: 'a0' }
const rulesOf = (violations: { rule: string; field?: string }[]) => violations.map((v) => `${v.rule}:${v.field ?? ''}`)

describe('[DIAG1] a point of a partner’s matrix', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a well-formed point', {}, []],
    ['each quadrant', { quadrant: 'menaces' }, []],
    ['an unknown quadrant', { quadrant: 'bonheur' }, ['DIAG1:quadrant']],
    ['a blank text', { text: '  ' }, ['DIAG1:text']],
    ['a text of 500 characters', { text: 'x'.repeat(500) }, []],
    ['a text of 501 characters', { text: 'x'.repeat(501) }, ['DIAG1:text']],
    ['a detail of 2,001 characters', { detail: 'x'.repeat(2001) }, ['DIAG1:detail']],
    ['a partner the alliance does not have', { partnerId: 'ghost' }, ['DIAG1:partnerId']],
    ['a bad position', { order: '' }, ['DIAG1:order']],
    ['an unknown field', { score: 1 }, ['DIAG1:score']],
  ])('%s', (_label, extra, expected) => {
    expect(rulesOf(validateDiagnosticItem({ ...item, ...extra }, partners, 'diagItems/i1'))).toEqual(expected)
  })
})

describe('[DIAG3] a partner’s needs', () => {
  it.each<[string, string, Record<string, unknown>, string[]]>([
    ['two texts', 'p1', { needs: 'Des bénévoles', expectations: 'Un local' }, []],
    ['needs of 5,001 characters', 'p1', { needs: 'x'.repeat(5001) }, ['DIAG3:needs']],
    ['a foreign partner id', 'ghost', { needs: '' }, ['DIAG3:']],
    ['an unknown field', 'p2', { budget: 3 }, ['DIAG3:budget']],
  ])('%s', (_label, partnerId, fields, expected) => {
    expect(rulesOf(validatePartnerNeeds(partnerId, fields, partners, 'diagNeeds/x'))).toEqual(expected)
  })
})

describe('[DIAG4] a point of the shared matrix and its provenance', () => {
  const sources: Record<string, { partnerId: string }> = { i1: { partnerId: 'p1' } }
  const shared = { quadrant: 'forces', text: 'Ancrage', detail: '', order: 'a0', sourceItemId: null, sourcePartnerId: null }
  it.each<[string, Record<string, unknown>, string[]]>([
    ['written by steering (no source)', {}, []],
    ['taken from a partner’s point', { sourceItemId: 'i1', sourcePartnerId: 'p1' }, []],
    ['naming the wrong partner', { sourceItemId: 'i1', sourcePartnerId: 'p2' }, ['DIAG4:sourceItemId']],
    ['naming a point that does not exist', { sourceItemId: 'ghost', sourcePartnerId: 'p1' }, ['DIAG4:sourceItemId']],
    ['a source without its partner', { sourceItemId: 'i1' }, ['DIAG4:sourceItemId']],
    ['a partner without its source', { sourcePartnerId: 'p1' }, ['DIAG4:sourceItemId']],
  ])('%s', (_label, extra, expected) => {
    expect(rulesOf(validateSharedItem({ ...shared, ...extra }, (id) => sources[id], 'diagShared/s1'))).toEqual(expected)
  })

  it('sharedItemFrom keeps the quadrant, the words and the link to the source point and its partner', () => {
    expect(sharedItemFrom('i1', { ...item, detail: 'Depuis 1990' }, 'a5')).toEqual({
      quadrant: 'forces',
      text: 'Ancrage local',
      detail: 'Depuis 1990',
      order: 'a5',
      sourceItemId: 'i1',
      sourcePartnerId: 'p1',
    })
  })
})

describe('[PROJ1] the project', () => {
  const figure = { id: 'f1', value: 1200, unit: 'jeunes', label: 'Sans solution', source: 'INSEE', year: 2024 }
  it.each<[string, Record<string, unknown>, string[]]>([
    ['nothing set yet', {}, []],
    ['a full project', { socialNeed: 'Besoin', whyCollective: 'Seul, personne', visionQuote: 'Un littoral', figures: [figure], beneficiaries: ['Jeunes'] }, []],
    ['a figure without a year', { figures: [{ ...figure, year: null }] }, []],
    ['a figure dated 3000', { figures: [{ ...figure, year: 3000 }] }, ['PROJ1:figures']],
    ['a figure of infinite value', { figures: [{ ...figure, value: Number.POSITIVE_INFINITY }] }, ['PROJ1:figures']],
    ['a figure without a label', { figures: [{ ...figure, label: '' }] }, ['PROJ1:figures']],
    ['two figures with one id', { figures: [figure, figure] }, ['PROJ1:figures']],
    ['51 figures', { figures: Array.from({ length: 51 }, (_, i) => ({ ...figure, id: `f${i}` })) }, ['PROJ1:figures']],
    ['a blank beneficiary', { beneficiaries: [' '] }, ['PROJ1:beneficiaries']],
    ['a social need of 5,001 characters', { socialNeed: 'x'.repeat(5001) }, ['PROJ1:socialNeed']],
    ['an unknown field', { budget: 1 }, ['PROJ1:budget']],
  ])('%s', (_label, fields, expected) => {
    expect(rulesOf(validateProject(fields))).toEqual(expected)
  })
})

describe('[DIAG1] [DIAG4] a whole diagnostic document', () => {
  it('a source point removed since leaves the shared point standing; points come out by quadrant, in order', () => {
    const doc = new Y.Doc()
    diagItemsOf(doc).set('i2', buildDiagnosticItem({ ...item, order: 'a1', text: 'Second' }))
    diagItemsOf(doc).set('i1', buildDiagnosticItem(item))
    diagSharedOf(doc).set('s1', buildSharedItem(sharedItemFrom('gone', { ...item, quadrant: 'menaces' }, 'a0')))
    projectOf(doc).set('beneficiaries', ['Jeunes'])
    const ctx = { members: new Map(), partners }
    expect(validateDocument(doc, 'diagnostic', ctx)).toEqual([])
    const grouped = byQuadrant(Object.fromEntries([...diagItemsOf(doc).entries()].map(([id, m]) => [id, m.toJSON() as DiagnosticItem])))
    expect(grouped.forces.map(([id]) => id)).toEqual(['i1', 'i2'])
    expect(grouped.menaces).toEqual([])
  })
})
