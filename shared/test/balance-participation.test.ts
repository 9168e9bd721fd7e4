import { describe, expect, it } from 'vitest'
import { participationOf, type ParticipationInput, type PartnerParticipation } from '../src/index.ts'

/**
 * Participation beside the balance (SPEC BAL10): two partners, p1 (members a, b) and p2 (member c);
 * d belongs to no partner. Each scenario is written out with each partner's counts.
 */
const BASE: ParticipationInput = {
  partnerIds: ['p1', 'p2'],
  partnerOf: new Map([
    ['a', 'p1'],
    ['b', 'p1'],
    ['c', 'p2'],
    ['d', null],
  ]),
  attendance: [],
  ballots: [],
  actions: [],
}
const row = (partnerId: string, counts: Partial<PartnerParticipation> = {}): PartnerParticipation => ({
  partnerId,
  meetingsAttended: 0,
  accountable: 0,
  responsible: 0,
  votesCast: 0,
  ...counts,
})

const CASES: [label: string, input: Partial<ParticipationInput>, meetings: number, partners: PartnerParticipation[]][] = [
  ['nothing yet', {}, 0, [row('p1'), row('p2')]],
  [
    'two members of p1 at the same meeting count once; remote counts, absent and proxy do not',
    {
      attendance: [
        { meetingId: 'm1', userId: 'a', status: 'present' },
        { meetingId: 'm1', userId: 'b', status: 'remote' },
        { meetingId: 'm2', userId: 'a', status: 'absent' },
        { meetingId: 'm2', userId: 'c', status: 'proxy' },
        { meetingId: 'm3', userId: 'c', status: 'remote' },
      ],
    },
    3,
    [row('p1', { meetingsAttended: 1 }), row('p2', { meetingsAttended: 1 })],
  ],
  [
    'a ballot counts for the partner of the seat it was cast for; a member without partner for nobody',
    { ballots: [{ forId: 'a' }, { forId: 'b' }, { forId: 'c' }, { forId: 'd' }, { forId: 'gone' }] },
    0,
    [row('p1', { votesCast: 2 }), row('p2', { votesCast: 1 })],
  ],
  [
    'A and R per partner: an action counts once per partner however many of its members are responsible',
    {
      actions: [
        { status: 'in_progress', accountable: 'a', responsible: ['a', 'b', 'c'] },
        { status: 'planned', accountable: 'c', responsible: ['c'] },
        { status: 'done', accountable: null, responsible: ['b'] },
      ],
    },
    0,
    [row('p1', { accountable: 1, responsible: 2 }), row('p2', { accountable: 1, responsible: 2 })],
  ],
  [
    'proposed and cancelled actions carry nothing',
    {
      actions: [
        { status: 'proposed', accountable: 'a', responsible: ['a'] },
        { status: 'cancelled', accountable: 'c', responsible: ['c'] },
      ],
    },
    0,
    [row('p1'), row('p2')],
  ],
]

describe('[BAL10] participation per partner', () => {
  it.each(CASES)('[BAL10] %s', (_label, over, meetings, partners) => {
    expect(participationOf({ ...BASE, ...over })).toEqual({ meetings, partners })
  })
})
