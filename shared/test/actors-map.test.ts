import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  actorScore,
  familyOf,
  PARTNER_TYPES,
  shortlist,
  validateActor,
  validateContactEntry,
  validateCriterion,
  type ActorStatus,
  type ContactContext,
  type PartnerFamily,
} from '../src/index.ts'

/**
 * The map of actors' pure rules as the client and the server both run them (SPEC MAP1, MAP3–MAP5):
 * scores, shortlist, family derivation and each hostile or honest entry written out with the rule
 * and field it breaks. The map has criteria c1 and c2; actor x1 exists.
 */
const CRITERIA = [
  { id: 'c1', weight: 3 },
  { id: 'c2', weight: 1 },
]

describe('[MAP5] an actor’s score is the weighted mean of its scores', () => {
  const cases: [label: string, scores: Record<string, number>, criteria: { id: string; weight: number }[], score: number | null][] = [
    ['every criterion scored', { c1: 4, c2: 0 }, CRITERIA, 3],
    ['top marks everywhere', { c1: 5, c2: 5 }, CRITERIA, 5],
    ['a criterion not scored counts 0', { c2: 4 }, CRITERIA, 1],
    ['nothing scored', {}, CRITERIA, 0],
    ['a score on a removed criterion is ignored', { c1: 2, gone: 5 }, CRITERIA, 1.5],
    ['no criterion: no score', { c1: 5 }, [], null],
    [
      'a weight of 0 does not count',
      { c1: 5, c2: 1 },
      [
        { id: 'c1', weight: 0 },
        { id: 'c2', weight: 2 },
      ],
      1,
    ],
    [
      'rounded to two decimals',
      { c1: 1 },
      [
        { id: 'c1', weight: 1 },
        { id: 'c2', weight: 2 },
      ],
      0.33,
    ],
  ]
  it.each(cases)('%s', (_label, scores, criteria, score) => {
    expect(actorScore(scores, criteria)).toBe(score)
  })
})

describe('[MAP5] the shortlist is the shortlisted actors, best score first', () => {
  const actor = (name: string, status: ActorStatus, score: number | null) => ({ name, status, score })
  it('keeps only shortlisted actors, sorted by score then by name (no score last)', () => {
    const list = shortlist([
      actor('Zèbre', 'shortlisted', 3),
      actor('Ademe', 'identified', 5),
      actor('Élan', 'shortlisted', 3),
      actor('Banque', 'shortlisted', 4.5),
      actor('Sans note', 'shortlisted', null),
      actor('Écarté', 'set_aside', 5),
    ])
    expect(list.map((a) => a.name)).toEqual(['Banque', 'Élan', 'Zèbre', 'Sans note'])
  })
})

describe('[MAP1] an actor’s family is derived from its type', () => {
  const families: Record<string, PartnerFamily> = {
    association: 'pairs',
    reseau_associatif: 'pairs',
    catalyseur_territorial: 'pairs',
    citoyens: 'pairs',
    collectivite_territoriale: 'acteurs_publics',
    etat: 'acteurs_publics',
    acteur_academique: 'acteurs_publics',
    entreprise: 'acteurs_prives',
    fondation: 'acteurs_prives',
  }
  it.each(PARTNER_TYPES.map((t) => [t, families[t]!]))('%s → %s', (type, family) => expect(familyOf(type)).toBe(family))
})

const OK = {
  name: 'Fondation du Littoral',
  type: 'fondation',
  expectations: 'Visibilité locale',
  influence: 4,
  interest: 3,
  nuisance: 2,
  perimeter: 'Côte d’Opale',
  synergies: '',
  status: 'identified',
  scores: { c1: 4 },
  partnerId: null,
}

describe('[MAP1] an actor has the shape of its schema', () => {
  const cases: [label: string, fields: Record<string, unknown>, broken: [rule: string, field: string | undefined][]][] = [
    ['an honest actor', OK, []],
    ['no score yet', { ...OK, scores: {} }, []],
    ['converted with its partner (the conversion writes it)', { ...OK, status: 'converted', partnerId: 'p1' }, []],
    ['an empty name', { ...OK, name: '  ' }, [['MAP1', 'name']]],
    ['a name too long', { ...OK, name: 'x'.repeat(161) }, [['MAP1', 'name']]],
    ['an unknown type', { ...OK, type: 'lobby' }, [['MAP1', 'type']]],
    ['an influence of 6', { ...OK, influence: 6 }, [['MAP1', 'influence']]],
    ['an interest of 0', { ...OK, interest: 0 }, [['MAP1', 'interest']]],
    ['a fractional nuisance', { ...OK, nuisance: 2.5 }, [['MAP1', 'nuisance']]],
    ['a level as text', { ...OK, influence: '4' }, [['MAP1', 'influence']]],
    ['an unknown status', { ...OK, status: 'friend' }, [['MAP1', 'status']]],
    ['expectations too long', { ...OK, expectations: 'x'.repeat(5001) }, [['MAP1', 'expectations']]],
    ['a perimeter too long', { ...OK, perimeter: 'x'.repeat(201) }, [['MAP1', 'perimeter']]],
    ['a score of 6', { ...OK, scores: { c1: 6 } }, [['MAP1', 'scores']]],
    ['a score on a foreign criterion', { ...OK, scores: { elsewhere: 3 } }, [['MAP1', 'scores']]],
    ['an unknown field', { ...OK, secret: 1 }, [['MAP1', 'secret']]],
    ['a missing field', { ...OK, name: undefined }, [['MAP1', 'name']]],
  ]
  it.each(cases)('%s', (_label, fields, broken) => {
    const got = validateActor(fields, (id) => id === 'c1' || id === 'c2', 'actors/x1').map((v) => [v.rule, v.field])
    expect(got).toEqual(broken)
  })
})

describe('[MAP3] a selection criterion has a name, a weight from 1 to 10 and an order', () => {
  const OK_CRITERION = { name: 'Complémentarité de périmètre', weight: 3, order: 'a0' }
  const cases: [label: string, fields: Record<string, unknown>, broken: [rule: string, field: string | undefined][]][] = [
    ['an honest criterion', OK_CRITERION, []],
    ['a weight of 0', { ...OK_CRITERION, weight: 0 }, [['MAP3', 'weight']]],
    ['a weight of 11', { ...OK_CRITERION, weight: 11 }, [['MAP3', 'weight']]],
    ['an empty name', { ...OK_CRITERION, name: '' }, [['MAP3', 'name']]],
    ['an invalid order', { ...OK_CRITERION, order: '!!' }, [['MAP3', 'order']]],
    ['an unknown field', { ...OK_CRITERION, colour: 'red' }, [['MAP3', 'colour']]],
  ]
  it.each(cases)('%s', (_label, fields, broken) => {
    expect(validateCriterion(fields, 'actorCriteria/c1').map((v) => [v.rule, v.field])).toEqual(broken)
  })
})

describe('[MAP4] a contact log entry names an actor, in its author’s name, at the server’s time', () => {
  const NOW = Date.parse('2026-12-08T10:00:00Z')
  const CTX: ContactContext = { author: 'u1', now: NOW, hasActor: (id) => id === 'x1' }
  const ENTRY = { actorId: 'x1', date: '2026-12-01', who: 'Claire', whom: 'La directrice', how: 'meeting', outcome: 'Intéressée', by: 'u1', at: NOW }
  const cases: [label: string, entry: unknown, broken: [rule: string, field: string | undefined][]][] = [
    ['an honest entry', ENTRY, []],
    ['a foreign actor', { ...ENTRY, actorId: 'x9' }, [['MAP4', 'actorId']]],
    ['in someone else’s name', { ...ENTRY, by: 'u2' }, [['MAP4', 'by']]],
    ['backdated by an hour', { ...ENTRY, at: NOW - 3_600_000 }, [['MAP4', 'at']]],
    ['a date that does not exist', { ...ENTRY, date: '2026-02-30' }, [['MAP4', 'date']]],
    ['an unknown channel', { ...ENTRY, how: 'pigeon' }, [['MAP4', 'how']]],
    ['an outcome too long', { ...ENTRY, outcome: 'x'.repeat(1001) }, [['MAP4', 'outcome']]],
    ['a Yjs map instead of a plain entry', new Y.Map(), [['MAP4', undefined]]],
    ['not an object', 'rencontre', [['MAP4', undefined]]],
  ]
  it.each(cases)('%s', (_label, entry, broken) => {
    expect(validateContactEntry(entry, CTX, 'contactLog/k1').map((v) => [v.rule, v.field])).toEqual(broken)
  })
})
