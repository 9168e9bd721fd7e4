import { describe, expect, it } from 'vitest'
import { actionPartners, PLAN_VIEW_NONE as NONE, planView, planViewFromParams, planViewParams, type PlanViewAction, type PlanViewQuery } from '../src/index.ts'

/**
 * OBJ11: the plan filtered and grouped by the objective its actions serve and by partner (the
 * partners of the accountable and responsible members). Each scenario is written out with the
 * groups it must give.
 */
const PARTNER: Record<string, string> = { ana: 'P1', bob: 'P2', cleo: 'P2', dan: 'P3' }
const partnerOf = (userId: string) => PARTNER[userId] ?? null

const ACTIONS: Record<string, PlanViewAction> = {
  a1: { objectiveId: 'o1', accountable: 'ana', responsible: ['bob'] },
  a2: { objectiveId: 'o2', accountable: 'cleo', responsible: ['bob'] },
  a3: { objectiveId: null, accountable: null, responsible: [] },
  a4: { objectiveId: 'o1', accountable: 'dan', responsible: [] },
  // Points to an objective deleted since: counts as serving none.
  a5: { objectiveId: 'gone', accountable: 'eve', responsible: ['ana'] },
}
const input = {
  ids: ['a1', 'a2', 'a3', 'a4', 'a5'],
  byId: new Map(Object.entries(ACTIONS)),
  partnerOf,
  objectives: ['o2', 'o1'],
  partners: ['P1', 'P2', 'P3'],
}

const CASES: [label: string, query: PlanViewQuery, groups: [key: string, ids: string[]][]][] = [
  ['no filter, no grouping: the whole plan in its order', {}, [['', ['a1', 'a2', 'a3', 'a4', 'a5']]]],
  ['filtered by an objective', { objective: 'o1' }, [['', ['a1', 'a4']]]],
  ['filtered by "no objective" (a link to a deleted objective included)', { objective: NONE }, [['', ['a3', 'a5']]]],
  ['filtered by a partner of the accountable or a responsible', { partner: 'P2' }, [['', ['a1', 'a2']]]],
  ['filtered by "no partner"', { partner: NONE }, [['', ['a3']]]],
  ['both filters at once', { objective: 'o1', partner: 'P1' }, [['', ['a1']]]],
  [
    'grouped by objective: objectives in their order, "none" last',
    { group: 'objective' },
    [
      ['o2', ['a2']],
      ['o1', ['a1', 'a4']],
      [NONE, ['a3', 'a5']],
    ],
  ],
  [
    'grouped by partner: an action under each of its partners',
    { group: 'partner' },
    [
      ['P1', ['a1', 'a5']],
      ['P2', ['a1', 'a2']],
      ['P3', ['a4']],
      [NONE, ['a3']],
    ],
  ],
  [
    'grouped by partner within one objective',
    { group: 'partner', objective: 'o1' },
    [
      ['P1', ['a1']],
      ['P2', ['a1']],
      ['P3', ['a4']],
    ],
  ],
  ['grouped by objective, filtered to one partner: empty groups left out', { group: 'objective', partner: 'P3' }, [['o1', ['a4']]]],
  ['grouped by partner, filtered to one: only its group', { group: 'partner', partner: 'P2' }, [['P2', ['a1', 'a2']]]],
  ['grouped by partner, filtered to "no partner"', { group: 'partner', partner: NONE }, [[NONE, ['a3']]]],
  ['a filter nothing passes gives no group', { group: 'objective', objective: 'unknown' }, []],
]

describe('[OBJ11] the plan filtered and grouped by objective and by partner', () => {
  it.each(CASES)('[OBJ11] %s', (_label, query, groups) => {
    expect(planView(input, query).map((g) => [g.key, g.ids])).toEqual(groups)
  })

  it('[OBJ11] a partner not listed any more still gets its group, before "none"', () => {
    const groups = planView({ ...input, partners: ['P1', 'P2'] }, { group: 'partner' })
    expect(groups.map((g) => g.key)).toEqual(['P1', 'P2', 'P3', NONE])
  })

  it('[OBJ11] an action’s partners: accountable first, each once, members without a partner left out', () => {
    expect(actionPartners({ accountable: 'bob', responsible: ['cleo', 'ana', 'zed'] }, partnerOf)).toEqual(['P2', 'P1'])
    expect(actionPartners({ accountable: null, responsible: [] }, partnerOf)).toEqual([])
  })

  const URLS: [search: string, query: PlanViewQuery][] = [
    ['', { objective: null, partner: null, group: null }],
    ['?objectif=o1', { objective: 'o1', partner: null, group: null }],
    ['?partenaire=P2&grouper=objectif', { objective: null, partner: 'P2', group: 'objective' }],
    ['?grouper=partenaire', { objective: null, partner: null, group: 'partner' }],
    ['?grouper=nimporte', { objective: null, partner: null, group: null }],
  ]
  it.each(URLS)('[OBJ11] the address %j keeps the query', (search, query) => {
    const params = new Map(
      search
        .replace(/^\?/, '')
        .split('&')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    )
    expect(planViewFromParams({ get: (name) => params.get(name) ?? null })).toEqual(query)
  })

  it('[OBJ11] the query as the address writes it, empty values to remove', () => {
    expect(planViewParams({ objective: 'o1', partner: null, group: 'partner' })).toEqual({ objectif: 'o1', partenaire: null, grouper: 'partenaire' })
    expect(planViewParams({})).toEqual({ objectif: null, partenaire: null, grouper: null })
  })
})
