import { describe, expect, it } from 'vitest'
import { actionsOutsidePeriod, validateDocumentMeta, validatePlanMeta } from '../src/index.ts'

describe('meta of documents and of the plan', () => {
  it('[VAL21] a document meta: title ≤ 200, status among draft/proposed/adopted, version id or null; keys may be missing', () => {
    expect(validateDocumentMeta({})).toEqual([])
    expect(validateDocumentMeta({ title: 'Charte', status: 'adopted', adoptedVersionId: 'v1' })).toEqual([])
    expect(validateDocumentMeta({ title: 'x'.repeat(201) })[0]).toMatchObject({ rule: 'VAL21', field: 'title' })
    expect(validateDocumentMeta({ status: 'locked' })[0]).toMatchObject({ rule: 'VAL21', field: 'status' })
    expect(validateDocumentMeta({ adoptedVersionId: 12 })[0]).toMatchObject({ rule: 'VAL21', field: 'adoptedVersionId' })
    expect(validateDocumentMeta({ owner: 'me' })[0]).toMatchObject({ rule: 'VAL21', field: 'owner' })
  })

  it('[VAL21] [VAL9] the plan meta: a bounded title and a period of real dates in order, set one bound at a time', () => {
    expect(validatePlanMeta({})).toEqual([])
    expect(validatePlanMeta({ start: '2026-01-01' })).toEqual([])
    expect(validatePlanMeta({ title: 'Plan', start: '2026-01-01', end: '2028-12-31' })).toEqual([])
    expect(validatePlanMeta({ title: 'x'.repeat(201) })[0]).toMatchObject({ rule: 'VAL21', field: 'title' })
    expect(validatePlanMeta({ start: '2026-13-01' })[0]).toMatchObject({ rule: 'VAL9', field: 'start' })
    expect(validatePlanMeta({ start: '2027-01-01', end: '2026-12-31' })[0]).toMatchObject({ rule: 'VAL9', field: 'end', inputs: ['start', 'end'] })
  })

  it('[VAL9] a period may not leave out an action', () => {
    const actions = [
      ['a1', { start: '2026-03-01', deadline: '2026-06-30' }],
      ['a2', { start: null, deadline: null }],
    ] as const
    expect(actionsOutsidePeriod({ start: '2026-01-01', end: '2026-12-31' }, actions)).toEqual([])
    expect(actionsOutsidePeriod({ start: '2026-04-01', end: null }, actions)[0]).toMatchObject({ rule: 'VAL9', field: 'start' })
    expect(actionsOutsidePeriod({ start: null, end: '2026-05-01' }, actions)[0]).toMatchObject({ rule: 'VAL9', field: 'end' })
  })
})
