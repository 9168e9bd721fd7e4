import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import {
  actionSchema,
  actionStatusSchema,
  addMemberSchema,
  createPartnerSchema,
  createWorkspaceSchema,
  documentMetaSchema,
  governanceBodySchema,
  invitationSchema,
  localeSchema,
  memberSchema,
  meSchema,
  milestoneSchema,
  partnerSchema,
  PARTNER_TYPES,
  planMetaSchema,
  resourceSchema,
  signInSchema,
  signUpSchema,
  updateMemberSchema,
  updatePartnerSchema,
  workspaceSummarySchema,
} from '../src/index.ts'

/**
 * Every zod schema of shared/src/entities against a table of valid and invalid fixtures. Invalid
 * fixtures name the field the schema must point at (the REST layer reports the first issue's path as
 * `field`), or null for an object-level failure.
 */
interface Fixtures {
  schema: z.ZodType
  valid: [label: string, value: unknown][]
  invalid: [label: string, value: unknown, path: string | null][]
}

const long = (n: number) => 'x'.repeat(n)

const milestone = { title: 'Maquette validée', date: '2026-06-12', done: false, order: 'a1' }
const resource = { label: 'Transport des classes', amount: 18000, unit: 'EUR', partnerId: 'p1' }
const action = {
  title: 'Classes de mer',
  objective: 'Sensibiliser 4 000 élèves',
  description: '',
  start: '2026-09-01',
  deadline: '2027-06-30',
  status: 'in_progress',
  progress: 35,
  blockedReason: '',
  accountable: 'u1',
  responsible: ['u1', 'u2'],
  consulted: [],
  informed: ['u3'],
  milestones: { m1: milestone },
  resources: { r1: resource },
  order: 'a0',
}
const body = {
  name: 'Comité de pilotage',
  level: 'strategic',
  mandate: 'Suit le plan d’action.',
  seats: { p1: 1, p2: 1 },
  decisionRule: 'simple_majority',
  quorum: 2,
  cadence: 'monthly',
  chair: 'u1',
  order: 'a1',
}
const invitation = {
  id: 'i1',
  email: 'x@example.org',
  role: 'editor',
  partnerId: 'p1',
  representative: false,
  invitedAt: '2030-01-01T09:00:00.000Z',
  sentAt: '2030-01-01T09:00:00.000Z',
  expiresAt: '2030-01-08T09:00:00.000Z',
  expired: false,
}
const member = { userId: 'u1', name: 'Claire', email: 'claire@example.org', role: 'admin', partnerId: null, representative: false, color: '#1f6feb' }

const TABLES: Record<string, Fixtures> = {
  createWorkspaceSchema: {
    schema: createWorkspaceSchema,
    valid: [
      ['a plain name', { name: 'Alliance Océans' }],
      ['a name of 120 characters', { name: long(120) }],
    ],
    invalid: [
      ['no name', {}, 'name'],
      ['an empty name', { name: '' }, 'name'],
      ['a blank name', { name: '   ' }, 'name'],
      ['a name of 121 characters', { name: long(121) }, 'name'],
      ['a number as name', { name: 42 }, 'name'],
      ['not an object', 'Alliance', null],
    ],
  },
  workspaceSummarySchema: {
    schema: workspaceSummarySchema,
    valid: [['a summary', { id: 'w1', name: 'Alliance', role: 'observer', createdAt: '2026-01-01T00:00:00.000Z' }]],
    invalid: [
      ['an unknown role', { id: 'w1', name: 'Alliance', role: 'owner', createdAt: '2026-01-01' }, 'role'],
      ['no createdAt', { id: 'w1', name: 'Alliance', role: 'admin' }, 'createdAt'],
    ],
  },
  createPartnerSchema: {
    schema: createPartnerSchema,
    valid: PARTNER_TYPES.map((type): [string, unknown] => [`type ${type}`, { name: `Partenaire ${type}`, type }]),
    invalid: [
      ['an unknown type', { name: 'ONG', type: 'ong' }, 'type'],
      ['a family instead of a type', { name: 'ONG', type: 'pairs' }, 'type'],
      ['no type', { name: 'ONG' }, 'type'],
      ['an empty name', { name: ' ', type: 'association' }, 'name'],
      ['a name of 161 characters', { name: long(161), type: 'association' }, 'name'],
    ],
  },
  updatePartnerSchema: {
    schema: updatePartnerSchema,
    valid: [
      ['a new name', { name: 'Nouveau nom' }],
      ['a new type', { type: 'fondation' }],
    ],
    invalid: [
      ['nothing to update', {}, null],
      ['an unknown type', { type: 'club' }, 'type'],
    ],
  },
  partnerSchema: {
    schema: partnerSchema,
    valid: [['a partner', { id: 'p1', name: 'Estran Vivant', type: 'association', family: 'pairs', representativeId: null }]],
    invalid: [
      ['an unknown family', { id: 'p1', name: 'Estran Vivant', type: 'association', family: 'ong', representativeId: null }, 'family'],
      ['no representativeId', { id: 'p1', name: 'Estran Vivant', type: 'association', family: 'pairs' }, 'representativeId'],
    ],
  },
  addMemberSchema: {
    schema: addMemberSchema,
    valid: [
      ['email and role', { email: 'claire@example.org', role: 'editor' }],
      ['with partner and representative', { email: 'claire@example.org', role: 'steering', partnerId: 'p_1-A', representative: true }],
      ['with a null partner', { email: 'claire@example.org', role: 'observer', partnerId: null }],
    ],
    invalid: [
      ['an invalid email', { email: 'claire', role: 'editor' }, 'email'],
      ['an unknown role', { email: 'claire@example.org', role: 'owner' }, 'role'],
      ['a partner id with a slash', { email: 'claire@example.org', role: 'editor', partnerId: '../p1' }, 'partnerId'],
      ['a partner id of 65 characters', { email: 'claire@example.org', role: 'editor', partnerId: long(65) }, 'partnerId'],
      ['a non-boolean representative', { email: 'claire@example.org', role: 'editor', representative: 'yes' }, 'representative'],
    ],
  },
  updateMemberSchema: {
    schema: updateMemberSchema,
    valid: [
      ['a role', { role: 'commenter' }],
      ['a partner set to null', { partnerId: null }],
      ['representative only', { representative: false }],
    ],
    invalid: [
      ['nothing to update', {}, null],
      ['an unknown role', { role: 'root' }, 'role'],
      ['an invalid partner id', { partnerId: 'a b' }, 'partnerId'],
    ],
  },
  memberSchema: {
    schema: memberSchema,
    valid: [['a member', member]],
    invalid: [
      ['an unknown role', { ...member, role: 'guest' }, 'role'],
      ['a missing representative flag', { ...member, representative: undefined }, 'representative'],
    ],
  },
  invitationSchema: {
    schema: invitationSchema,
    valid: [
      ['an invitation', { ...invitation }],
      ['one made before links (never sent)', { ...invitation, sentAt: null, expiresAt: null, expired: true }],
    ],
    invalid: [
      ['an unknown role', { ...invitation, role: 'boss' }, 'role'],
      ['no expiry flag', { ...invitation, expired: undefined }, 'expired'],
    ],
  },
  signUpSchema: {
    schema: signUpSchema,
    valid: [
      ['a regular account', { name: 'Claire', email: 'claire@example.org', password: 'motdepasse' }],
      ['a password of 128 characters', { name: 'Claire', email: 'claire@example.org', password: long(128) }],
    ],
    invalid: [
      ['a password of 7 characters', { name: 'Claire', email: 'claire@example.org', password: '1234567' }, 'password'],
      ['a password of 129 characters', { name: 'Claire', email: 'claire@example.org', password: long(129) }, 'password'],
      ['a blank name', { name: '  ', email: 'claire@example.org', password: 'motdepasse' }, 'name'],
      ['an invalid email', { name: 'Claire', email: 'claire@', password: 'motdepasse' }, 'email'],
      ['a password of spaces only (ACCT13)', { name: 'Claire', email: 'claire@example.org', password: '         ' }, 'password'],
      ['a password holding the email’s local part (ACCT13)', { name: 'Claire', email: 'claire@example.org', password: 'Claire2030!' }, 'password'],
      [
        'a password holding a word of the name, accents ignored (ACCT13)',
        { name: 'Hélène Dupont', email: 'h@example.org', password: 'helene-et-les-garcons' },
        'password',
      ],
    ],
  },
  signInSchema: {
    schema: signInSchema,
    valid: [['email and password', { email: 'claire@example.org', password: 'x' }]],
    invalid: [
      ['an empty password', { email: 'claire@example.org', password: '' }, 'password'],
      ['no email', { password: 'motdepasse' }, 'email'],
    ],
  },
  meSchema: {
    schema: meSchema,
    valid: [['a French user', { id: 'u1', name: 'Claire', email: 'claire@example.org', locale: 'fr' }]],
    invalid: [['an unsupported locale', { id: 'u1', name: 'Claire', email: 'claire@example.org', locale: 'de' }, 'locale']],
  },
  localeSchema: {
    schema: localeSchema,
    valid: [
      ['fr', 'fr'],
      ['en', 'en'],
    ],
    invalid: [['FR (case matters)', 'FR', null]],
  },
  actionSchema: {
    schema: actionSchema,
    valid: [
      ['a full action', action],
      ['an action without dates nor accountable', { ...action, start: null, deadline: null, accountable: null, status: 'proposed' }],
      ['a blocked action with a reason', { ...action, status: 'blocked', blockedReason: 'En attente des données du port' }],
      ['progress 0 and 100', { ...action, progress: 100, status: 'done' }],
      ['no milestones nor resources', { ...action, milestones: {}, resources: {} }],
    ],
    invalid: [
      ['an empty title', { ...action, title: ' ' }, 'title'],
      ['a title of 201 characters', { ...action, title: long(201) }, 'title'],
      ['an unknown status', { ...action, status: 'finished' }, 'status'],
      ['progress above 100', { ...action, progress: 101 }, 'progress'],
      ['negative progress', { ...action, progress: -1 }, 'progress'],
      ['fractional progress', { ...action, progress: 50.5 }, 'progress'],
      ['a start date that does not exist', { ...action, start: '2026-02-30' }, 'start'],
      ['a deadline in another format', { ...action, deadline: '30/06/2027' }, 'deadline'],
      ['an empty member id', { ...action, responsible: [''] }, 'responsible.0'],
      ['51 responsible members', { ...action, responsible: Array.from({ length: 51 }, (_, i) => `u${i}`) }, 'responsible'],
      ['an invalid milestone', { ...action, milestones: { m1: { ...milestone, title: '' } } }, 'milestones.m1.title'],
      ['an invalid resource', { ...action, resources: { r1: { ...resource, amount: -5 } } }, 'resources.r1.amount'],
      ['an empty order key', { ...action, order: '' }, 'order'],
      ['a description of 5001 characters', { ...action, description: long(5001) }, 'description'],
    ],
  },
  actionStatusSchema: {
    schema: actionStatusSchema,
    valid: ['proposed', 'planned', 'in_progress', 'blocked', 'done', 'cancelled'].map((s): [string, unknown] => [s, s]),
    invalid: [['late (derived, never stored)', 'late', null]],
  },
  planMetaSchema: {
    schema: planMetaSchema,
    valid: [['a three-year plan', { title: 'Plan d’action 2026–2028', start: '2026-01-01', end: '2028-12-31' }]],
    invalid: [
      ['an end date that does not exist', { title: 'Plan', start: '2026-01-01', end: '2028-02-30' }, 'end'],
      ['no start', { title: 'Plan', end: '2028-12-31' }, 'start'],
    ],
  },
  milestoneSchema: {
    schema: milestoneSchema,
    valid: [
      ['a milestone', milestone],
      ['a done milestone', { ...milestone, done: true }],
    ],
    invalid: [
      ['a blank title', { ...milestone, title: '  ' }, 'title'],
      ['a date with time', { ...milestone, date: '2026-06-12T10:00:00Z' }, 'date'],
      ['done as a string', { ...milestone, done: 'true' }, 'done'],
      ['no order', { ...milestone, order: undefined }, 'order'],
    ],
  },
  resourceSchema: {
    schema: resourceSchema,
    valid: [
      ['euros', resource],
      ['person-days', { ...resource, unit: 'jours_homme', amount: 12.5 }],
      ['zero', { ...resource, amount: 0 }],
    ],
    invalid: [
      ['a negative amount', { ...resource, amount: -1 }, 'amount'],
      ['an infinite amount', { ...resource, amount: Number.POSITIVE_INFINITY }, 'amount'],
      ['an unknown unit', { ...resource, unit: 'USD' }, 'unit'],
      ['no partner', { ...resource, partnerId: '' }, 'partnerId'],
    ],
  },
  governanceBodySchema: {
    schema: governanceBodySchema,
    valid: [
      ['a steering committee', body],
      ['a body without chair', { ...body, chair: null }],
      ['a general assembly by two-thirds', { ...body, name: 'Assemblée générale', decisionRule: 'two_thirds', cadence: 'annual' }],
    ],
    invalid: [
      ['an empty name', { ...body, name: '' }, 'name'],
      ['an unknown level', { ...body, level: 'tactical' }, 'level'],
      ['an unknown decision rule', { ...body, decisionRule: 'majority' }, 'decisionRule'],
      ['an unknown cadence', { ...body, cadence: 'daily' }, 'cadence'],
      ['a negative seat count', { ...body, seats: { p1: -1 } }, 'seats.p1'],
      ['a negative quorum', { ...body, quorum: -1 }, 'quorum'],
      ['an empty chair id', { ...body, chair: '' }, 'chair'],
    ],
  },
  documentMetaSchema: {
    schema: documentMetaSchema,
    valid: [
      ['a draft', { title: 'Charte partenariale', status: 'draft', adoptedVersionId: null }],
      ['an adopted document', { title: 'Accord de consortium', status: 'adopted', adoptedVersionId: 'v42' }],
    ],
    invalid: [
      ['an unknown status', { title: 'Charte', status: 'final', adoptedVersionId: null }, 'status'],
      ['a missing adoptedVersionId', { title: 'Charte', status: 'draft' }, 'adoptedVersionId'],
    ],
  },
}

describe('[SCHEMA1] every entity schema accepts its valid fixtures and rejects its invalid ones', () => {
  for (const [name, table] of Object.entries(TABLES)) {
    describe(name, () => {
      it.each(table.valid)('[SCHEMA1] accepts %s', (_label, value) => {
        const result = table.schema.safeParse(value)
        expect(result.error?.issues).toBeUndefined()
        expect(result.success).toBe(true)
      })
      it.each(table.invalid)('[SCHEMA1] rejects %s', (_label, value, path) => {
        const result = table.schema.safeParse(value)
        expect(result.success).toBe(false)
        expect(result.error!.issues[0]!.path.join('.') || null).toBe(path)
      })
    })
  }
})

describe('[SCHEMA2] schemas normalise what they accept', () => {
  it('[SCHEMA2] names are trimmed', () => {
    expect(createWorkspaceSchema.parse({ name: '  Alliance  ' }).name).toBe('Alliance')
    expect(createPartnerSchema.parse({ name: ' Estran ', type: 'association' }).name).toBe('Estran')
  })
  it('[SCHEMA2] member emails are lower-cased', () => {
    expect(addMemberSchema.parse({ email: 'Claire.Delattre@Example.ORG', role: 'editor' }).email).toBe('claire.delattre@example.org')
  })
})
