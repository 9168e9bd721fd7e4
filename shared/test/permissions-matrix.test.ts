import { describe, expect, it } from 'vitest'
import {
  ACTION_STATUSES,
  can,
  DOCUMENT_STATUSES,
  PERMISSIONS,
  ROLES,
  type ActionStatus,
  type DocumentStatus,
  type Relation,
  type Role,
  type Verb,
} from '../src/index.ts'

/**
 * The whole permission matrix, cell by cell. Written out by hand (not derived from PERMISSIONS) so
 * that a change to the matrix has to be a deliberate change to this table too. A cell says when the
 * role holds the verb:
 *   ✓         always                          ·         never
 *   A/R       when accountable or responsible  prop      when the action is a proposal
 *   A/R|prop  either of the two                draft     on a draft document (no status = draft)
 *   ¬adopted  unless the document is adopted  partner   when a member of the indicator's responsible partner
 *   own       when a member of the partner an actual is declared for, or whose diagnostic matrix it is
 */
const MATRIX = `
                      admin     steering   editor     commenter  observer
workspace.read          ✓          ✓         ✓          ✓          ✓
workspace.rename        ✓          ·         ·          ·          ·
partners.manage         ✓          ·         ·          ·          ·
members.manage          ✓          ·         ·          ·          ·
documents.write      ¬adopted   ¬adopted    draft       ·          ·
documents.setStatus     ✓          ✓         ·          ·          ·
comments.write          ✓          ✓         ✓          ✓          ·
plan.meta               ✓          ✓         ·          ·          ·
plan.objectives         ✓          ✓         ·          ·          ·
indicators.record    partner    partner    partner      ·          ·
balance.settings        ✓          ✓         ·          ·          ·
balance.declare        own        own       own         ·          ·
balance.amend           ✓          ✓        own         ·          ·
balance.validate        ✓          ✓         ·          ·          ·
diagnostic.ownMatrix   own        own       own         ·          ·
diagnostic.shared       ✓          ✓         ·          ·          ·
diagnostic.project      ✓          ✓         ·          ·          ·
actors.map              ✓          ✓         ·          ·          ·
actors.criteria         ✓          ✓         ·          ·          ·
actors.contact          ✓          ✓         ✓          ·          ·
actors.convert          ✓          ✓         ·          ·          ·
actions.create          ✓          ✓         ·          ·          ·
actions.propose         ✓          ✓         ✓          ·          ·
actions.delete          ✓          ✓         ·          ·          ·
actions.reorder         ✓          ✓         ·          ·          ·
actions.define          ✓          ✓        prop        ·          ·
actions.schedule        ✓          ✓        prop        ·          ·
actions.assign          ✓          ✓         ·          ·          ·
actions.involve         ✓          ✓        prop        ·          ·
actions.resources       ✓          ✓        prop        ·          ·
actions.describe        ✓          ✓      A/R|prop      ·          ·
actions.milestones      ✓          ✓      A/R|prop      ·          ·
actions.progress        ✓          ✓        A/R         ·          ·
actions.triage          ✓          ✓         ·          ·          ·
governance.bodies       ✓          ✓         ·          ·          ·
governance.meetings     ✓          ✓         ·          ·          ·
comments.read           ✓          ✓         ✓          ✓          ✓
comments.moderate       ✓          ·         ·          ·          ·
history.read            ✓          ✓         ✓          ✓          ✓
versions.create         ✓          ✓         ✓          ·          ·
versions.restore     ¬adopted   ¬adopted     ·          ·          ·
signoff.manage          ✓          ✓         ·          ·          ·
signoff.vote            ✓          ✓         ✓          ✓          ✓
`

interface Case {
  relation: Relation
  actionStatus: ActionStatus
  docStatus: DocumentStatus
  responsiblePartner: boolean
  ownPartner: boolean
}

/** What each symbol of the table means, for one combination of relation and statuses. */
const LEGEND: Record<string, (c: Case) => boolean> = {
  '✓': () => true,
  '·': () => false,
  'A/R': (c) => c.relation !== 'none',
  prop: (c) => c.actionStatus === 'proposed',
  'A/R|prop': (c) => c.relation !== 'none' || c.actionStatus === 'proposed',
  draft: (c) => c.docStatus === 'draft',
  '¬adopted': (c) => c.docStatus !== 'adopted',
  partner: (c) => c.responsiblePartner,
  own: (c) => c.ownPartner,
}

const RELATIONS: Relation[] = ['accountable', 'responsible', 'none']
const CASES: Case[] = RELATIONS.flatMap((relation) =>
  ACTION_STATUSES.flatMap((actionStatus) =>
    DOCUMENT_STATUSES.flatMap((docStatus) =>
      [false, true].flatMap((responsiblePartner) => [false, true].map((ownPartner) => ({ relation, actionStatus, docStatus, responsiblePartner, ownPartner }))),
    ),
  ),
)

const lines = MATRIX.trim().split('\n')
const columns = lines[0]!.trim().split(/\s+/) as Role[]
const cells: [Verb, Role, string][] = lines.slice(1).flatMap((line) => {
  const [verb, ...marks] = line.trim().split(/\s+/)
  return marks.map((mark, i): [Verb, Role, string] => [verb as Verb, columns[i]!, mark])
})

describe('[PERM0] the permission matrix, cell by cell', () => {
  it('[PERM0] the table has one column per role, one row per verb, and only known symbols', () => {
    expect(columns).toEqual([...ROLES])
    expect(
      lines
        .slice(1)
        .map((l) => l.trim().split(/\s+/)[0])
        .sort(),
    ).toEqual(Object.keys(PERMISSIONS).sort())
    expect(cells).toHaveLength(ROLES.length * Object.keys(PERMISSIONS).length)
    for (const [, , mark] of cells) expect(Object.keys(LEGEND)).toContain(mark)
  })

  it.each(cells)('[PERM0] %s by %s: %s, for every relation × action status × document status × partner × own partner', (verb, role, mark) => {
    for (const c of CASES) {
      expect(can({ role }, verb, c), `${verb} by ${role} ${JSON.stringify(c)}`).toBe(LEGEND[mark]!(c))
    }
  })

  it('[PERM0] without a target, can(actor, verb) keeps its workspace-level meaning', () => {
    expect(can({ role: 'editor' }, 'documents.write')).toBe(true)
    expect(can({ role: 'commenter' }, 'documents.write')).toBe(false)
    expect(can({ role: 'admin' }, 'members.manage')).toBe(true)
    // No relation and a non-proposal by default: an editor's conditional grants do not apply.
    expect(can({ role: 'editor' }, 'actions.progress')).toBe(false)
    expect(can({ role: 'editor' }, 'actions.define')).toBe(false)
  })
})

describe('[PERM1] nobody without a membership, no unknown role or verb', () => {
  it.each(Object.keys(PERMISSIONS) as Verb[])('[PERM1] nobody without a membership may %s', (verb) => {
    expect(can(null, verb)).toBe(false)
    expect(can(undefined, verb, { relation: 'accountable', actionStatus: 'proposed' })).toBe(false)
  })

  it('[PERM1] an unknown role is denied everything, whatever the target', () => {
    for (const verb of Object.keys(PERMISSIONS) as Verb[]) {
      for (const role of ['owner', 'constructor', '__proto__', 'toString']) {
        for (const c of CASES) expect(can({ role: role as Role }, verb, c)).toBe(false)
      }
    }
  })

  it('[PERM1] an unknown verb is denied, never an exception', () => {
    for (const verb of ['workspace.delete', 'constructor', '__proto__', 'hasOwnProperty', '']) {
      expect(can({ role: 'admin' }, verb as Verb)).toBe(false)
    }
  })
})
