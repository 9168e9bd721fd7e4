import { describe, expect, it } from 'vitest'
import { matchActionObjectives } from '../src/index.ts'

/** OBJ7: actions matched to operational objectives by the title their free text gives, the rest « à rattacher ». */
const OBJECTIVES = [
  { id: 'o1', title: 'Classes de mer' },
  { id: 'o2', title: 'Sentiers du littoral' },
]

const CASES: [label: string, objective: string, expected: { o1?: string[]; o2?: string[]; unattached: string[] }][] = [
  ['the exact title', 'Classes de mer', { o1: ['a'], unattached: [] }],
  ['another case and spaces', '  classes   DE mer ', { o1: ['a'], unattached: [] }],
  ['a decomposed accent matches its composed form', 'Sentiers du littoral'.normalize('NFD'), { o2: ['a'], unattached: [] }],
  ['a text that names no objective is kept, to attach', 'Pilotage de l’alliance', { unattached: ['a'] }],
  ['a near miss is not guessed', 'Classe de mer', { unattached: ['a'] }],
  ['an empty text is neither', '   ', { unattached: [] }],
]

describe('[OBJ7] actions matched to objectives by their free-text objective', () => {
  it.each(CASES)('[OBJ7] %s', (_label, objective, expected) => {
    const { byObjective, unattached } = matchActionObjectives([{ id: 'a', objective }], OBJECTIVES)
    expect(Object.fromEntries(byObjective)).toEqual(Object.fromEntries(Object.entries(expected).filter(([k]) => k !== 'unattached')))
    expect(unattached).toEqual(expected.unattached)
  })

  it('[OBJ7] several actions keep their order under their objective', () => {
    const actions = [
      { id: 'a1', objective: 'Sentiers du littoral' },
      { id: 'a2', objective: 'Classes de mer' },
      { id: 'a3', objective: 'sentiers du littoral' },
      { id: 'a4', objective: 'Autre chose' },
    ]
    const { byObjective, unattached } = matchActionObjectives(actions, OBJECTIVES)
    expect(byObjective.get('o2')).toEqual(['a1', 'a3'])
    expect(byObjective.get('o1')).toEqual(['a2'])
    expect(unattached).toEqual(['a4'])
  })
})
