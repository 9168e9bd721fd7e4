import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actionsOf,
  buildAction,
  buildObjective,
  linkActionObjectives,
  migrateObjectiveLinks,
  objectiveLinksToMigrate,
  objectivesOf,
  validateAction,
  workspaceContextFrom,
  type ActionRuleContext,
  type ObjectiveKind,
} from '../src/index.ts'

/** OBJ8: the objective an action serves, as the shared rules judge it (the server and the page alike). */
const KINDS: Record<string, ObjectiveKind> = { s1: 'strategic', o1: 'operational' }
const ctx: ActionRuleContext = {
  workspace: workspaceContextFrom([], []),
  objectiveKind: (id) => KINDS[id] ?? null,
}
const proposal = { title: 'Sorties scolaires', objective: '', description: '', start: null, deadline: null, status: 'proposed', progress: 0, blockedReason: '' }
const base = { ...proposal, accountable: null, responsible: [], consulted: [], informed: [], milestones: {}, resources: {}, order: 'a0' }

const CASES: [label: string, objectiveId: unknown, broken: string | null][] = [
  ['no objective', null, null],
  ['absent (an action written before objectives could be picked)', undefined, null],
  ['an operational objective of the plan', 'o1', null],
  ['a strategic objective', 's1', 'OBJ8'],
  ['an id the plan does not hold (foreign or unknown)', 'elsewhere', 'OBJ8'],
  ['a number', 42, 'VAL1'],
  ['an empty string', '', 'VAL1'],
  ['an id longer than 64 characters', 'x'.repeat(65), 'VAL1'],
]

describe('[OBJ8] an action serves an operational objective of its plan', () => {
  it.each(CASES)('[OBJ8] %s', (_label, objectiveId, broken) => {
    const violations = validateAction({ ...base, objectiveId }, ctx, 'actions/a1')
    expect(violations.map((v) => `${v.rule}:${v.field}`)).toEqual(broken ? [`${broken}:objectiveId`] : [])
  })

  it('[OBJ8] without the plan’s objectives at hand, only the shape is checked', () => {
    expect(validateAction({ ...base, objectiveId: 's1' }, { workspace: ctx.workspace }, 'actions/a1')).toEqual([])
  })
})

describe('[OBJ10] actions listed under the objective they point to', () => {
  it('[OBJ10] by id; free text kept to attach; a link to a deleted objective with text is to attach too', () => {
    const { byObjective, unattached } = linkActionObjectives(
      [
        { id: 'a1', objective: '', objectiveId: 'o1' },
        { id: 'a2', objective: 'Pilotage', objectiveId: null },
        { id: 'a3', objective: 'Classes de mer', objectiveId: 'o1' },
        { id: 'a4', objective: 'Ancien', objectiveId: 'gone' },
        { id: 'a5', objective: '  ', objectiveId: null },
      ],
      ['o1', 'o2'],
    )
    expect(Object.fromEntries(byObjective)).toEqual({ o1: ['a1', 'a3'] })
    expect(unattached).toEqual(['a2', 'a4'])
  })
})

describe('[OBJ9] the one-off migration of free-text objectives', () => {
  const plan = () => {
    const doc = new Y.Doc()
    objectivesOf(doc).set('s1', buildObjective({ kind: 'strategic', title: 'Un littoral partagé', horizon: 4, vision: '', order: 'a0' }))
    objectivesOf(doc).set(
      'o1',
      buildObjective({
        kind: 'operational',
        title: 'Classes de mer',
        statement: '',
        parentId: 's1',
        partnerIds: [],
        targetDate: null,
        resources: '',
        status: 'draft',
        order: 'a1',
      }),
    )
    const legacy = (objective: string, objectiveId?: string) => {
      const map = buildAction({ title: 't', order: 'a0', objective, ...(objectiveId ? { objectiveId } : {}) })
      if (!objectiveId) map.delete('objectiveId')
      return map
    }
    actionsOf(doc).set('matched', legacy('classes de MER'))
    actionsOf(doc).set('strategic', legacy('Un littoral partagé'))
    actionsOf(doc).set('other', legacy('Pilotage'))
    actionsOf(doc).set('linked', legacy('Classes de mer', 'o1'))
    return doc
  }

  it('[OBJ9] matched actions get the id and lose the text that repeated the title; others keep theirs; run again, nothing left', () => {
    const doc = plan()
    const links = objectiveLinksToMigrate(doc)
    expect(Object.fromEntries(links)).toEqual({ matched: 'o1' })
    migrateObjectiveLinks(doc, links)
    const a = (id: string) => actionsOf(doc).get(id)!.toJSON()
    expect(a('matched')).toMatchObject({ objectiveId: 'o1', objective: '' })
    expect(a('strategic')).toMatchObject({ objective: 'Un littoral partagé' })
    expect(a('other')).toMatchObject({ objective: 'Pilotage' })
    // Already linked: its text is left to the member (cleared when they pick again).
    expect(a('linked')).toMatchObject({ objectiveId: 'o1', objective: 'Classes de mer' })
    expect(objectiveLinksToMigrate(doc).size).toBe(0)
  })
})
