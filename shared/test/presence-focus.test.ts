import { describe, expect, it } from 'vitest'
import { knownPresenceFields } from '../src/protocol/presenceState.ts'

/** PLANUI5: the focused field travels in presence, bounded and of one shape; anything else is dropped. */
describe('[PLANUI5] presence carries the focused field, bounded', () => {
  const cases: { name: string; focus: unknown; kept: boolean }[] = [
    { name: 'an action field', focus: { entity: 'actions/a1', field: 'deadline' }, kept: true },
    { name: 'the plan meta', focus: { entity: 'meta', field: 'start' }, kept: true },
    { name: 'no field (blur)', focus: null, kept: true },
    { name: 'an extra key', focus: { entity: 'actions/a1', field: 'deadline', note: 'x' }, kept: false },
    { name: 'a long entity', focus: { entity: `actions/${'a'.repeat(200)}`, field: 'deadline' }, kept: false },
    { name: 'a long field', focus: { entity: 'actions/a1', field: 'f'.repeat(41) }, kept: false },
    { name: 'markup in the field', focus: { entity: 'actions/a1', field: '<img src=x>' }, kept: false },
    { name: 'a path going up', focus: { entity: '../actions', field: 'title' }, kept: false },
    { name: 'a number', focus: 42, kept: false },
    { name: 'a string', focus: 'actions/a1#deadline', kept: false },
  ]
  for (const { name, focus, kept } of cases) {
    it(`${kept ? 'keeps' : 'drops'} ${name}`, () => {
      const state = knownPresenceFields({ focus, other: 'dropped' })
      expect(state).toEqual(kept ? { focus } : {})
    })
  }
})
