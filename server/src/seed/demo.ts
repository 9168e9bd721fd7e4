import {
  actorCriteriaOf,
  actorsOf,
  appendContact,
  buildActor,
  buildActorCriterion,
  actionsOf,
  addDays,
  appendActual,
  appendIndicatorValue,
  buildIndicator,
  buildObjective,
  buildQuestion,
  indicatorsOf,
  objectivesOf,
  questionsOf,
  bodiesOf,
  buildAction,
  buildBody,
  contentOf,
  documentMetaOf,
  keysAfter,
  newId,
  planMetaOf,
  bodyLinkHref,
  validateActualEntry,
  writeBalanceSettings,
  type Role,
} from '@ensemble/shared'
import type { Kysely } from 'kysely'
import type * as Y from 'yjs'
import type { Auth } from '../auth/auth.ts'
import type { Database } from '../db/schema.ts'
import { addMembership, updateMember } from '../domain/members.ts'
import { createPartner } from '../domain/partners.ts'
import { createWorkspace } from '../domain/workspaces.ts'
import type { Logger } from '../logger.ts'
import type { RoomRegistry } from '../collab/rooms.ts'
import { ACTORS, CONTACTS, CRITERIA } from './content/actors.ts'
import { agreement } from './content/agreement.ts'
import { ACTUALS, BALANCE_SETTINGS } from './content/balance.ts'
import { ALLIANCE_NAME, DEMO_PASSWORD, PARTNERS, PEOPLE, type PartnerKey, type PersonKey } from './content/alliance.ts'
import { charter } from './content/charter.ts'
import { convention } from './content/convention.ts'
import { BODIES, type BodyKey } from './content/governance.ts'
import { INDICATORS, OPERATIONAL, QUESTIONS, STRATEGIC, type StrategicKey } from './content/objectives.ts'
import { ACTIONS, OBJECTIVES, PLAN_META, TRANSVERSAL, type ObjectiveKey } from './content/plan.ts'
import { vision } from './content/vision.ts'
import { writeDiagnosticDoc } from './content/diagnostic.ts'
import { writeBlocks, type RichTextContent } from './richText.ts'

export interface DemoLogin {
  email: string
  password: string
  role: Role
  label: string
}

export interface SeedDeps {
  db: Kysely<Database>
  auth: Auth
  /** The documents are written as changes of the server, through their rooms (stored and broadcast like any). */
  rooms: Pick<RoomRegistry, 'applyServerChange'>
  logger: Logger
}

const partnerName = (key: PartnerKey): string => PARTNERS.find((p) => p.key === key)!.name

/** Every demo account, in the order `pnpm start` prints them (the admin first). */
export const DEMO_LOGINS: readonly DemoLogin[] = PEOPLE.map((p) => ({
  email: p.email,
  password: DEMO_PASSWORD,
  role: p.role,
  label: `${p.name} — ${p.position}, ${partnerName(p.partner)}`,
}))

/** Ids the demo documents refer to: user ids by person key, partner ids by partner key, body ids by body key. */
export interface DemoIds {
  workspaceId: string
  users: Record<PersonKey, string>
  partners: Record<PartnerKey, string>
  bodies: Record<BodyKey, string>
}

/** The demo's rich texts; the charter links to the seeded bodies (GOV25). */
export const richTexts = (ids: DemoIds): Record<string, RichTextContent> => ({
  vision,
  charter: charter((key) => bodyLinkHref(ids.workspaceId, ids.bodies[key])),
  agreement,
  convention,
})

/** Writes a demo rich text into an empty document. */
function writeRichTextDoc(doc: Y.Doc, content: RichTextContent): void {
  writeBlocks(contentOf(doc), content.blocks)
  const meta = documentMetaOf(doc)
  meta.set('title', content.title)
  meta.set('status', 'draft')
  meta.set('adoptedVersionId', null)
}

/** Writes the demo's objectives, indicators with their values, and evaluation questions; returns the operational objectives' ids. */
function writeSteering(doc: Y.Doc, ids: DemoIds): Record<ObjectiveKey, string> {
  const objectives = objectivesOf(doc)
  const strategicIds = {} as Record<StrategicKey, string>
  const operationalIds = {} as Record<ObjectiveKey, string>
  const order = keysAfter(null, STRATEGIC.length + OBJECTIVES.length)
  STRATEGIC.forEach((s, i) => {
    strategicIds[s.key] = newId()
    objectives.set(strategicIds[s.key], buildObjective({ kind: 'strategic', title: s.title, horizon: s.horizon, vision: s.vision, order: order[i]! }))
  })
  OBJECTIVES.forEach((o, i) => {
    const detail = OPERATIONAL[o.key]
    operationalIds[o.key] = newId()
    objectives.set(
      operationalIds[o.key],
      buildObjective({
        kind: 'operational',
        title: o.title,
        statement: detail.statement,
        parentId: strategicIds[detail.parent],
        partnerIds: detail.partners.map((p) => ids.partners[p]),
        targetDate: detail.targetDate,
        resources: detail.resources,
        status: detail.status,
        order: order[STRATEGIC.length + i]!,
      }),
    )
  })
  const indicators = indicatorsOf(doc)
  const indicatorIds = INDICATORS.map((ind) => {
    const id = newId()
    const map = indicators.set(
      id,
      buildIndicator({
        objectiveId: operationalIds[ind.objective],
        name: ind.name,
        family: ind.family,
        unit: ind.unit,
        baseline: ind.baseline,
        target: ind.target,
        targetDate: ind.targetDate,
        source: ind.source,
        frequency: ind.frequency,
        partnerId: ids.partners[ind.partner],
        purposes: [...ind.purposes],
      }),
    )
    const valueIds = ind.values.map(() => newId())
    ind.values.forEach((v, i) => {
      // Entered the morning after the measure, by a member of the responsible partner.
      const at = Date.parse(`${addDays(v.date, 1)}T09:00:00Z`) + i * 60_000
      appendIndicatorValue(map, valueIds[i]!, {
        value: v.value,
        date: v.date,
        comment: v.comment,
        by: ids.users[v.by],
        at,
        ...(v.corrects === undefined ? {} : { corrects: valueIds[v.corrects]! }),
      })
    })
    return id
  })
  const questions = questionsOf(doc)
  const questionOrder = keysAfter(null, QUESTIONS.length)
  QUESTIONS.forEach((q, i) => {
    questions.set(
      newId(),
      buildQuestion({
        text: q.text,
        objectiveIds: q.objectives.map((k) => operationalIds[k]),
        indicatorIds: q.indicators.map((n) => indicatorIds[n]!),
        order: questionOrder[i]!,
      }),
    )
  })
  return operationalIds
}

/** Writes the demo plan into an empty document. */
function writePlanDoc(doc: Y.Doc, ids: DemoIds): void {
  const user = (key: PersonKey) => ids.users[key]
  const meta = planMetaOf(doc)
  meta.set('title', PLAN_META.title)
  meta.set('start', PLAN_META.start)
  meta.set('end', PLAN_META.end)

  const operationalIds = writeSteering(doc, ids)

  const actions = actionsOf(doc)
  const actionOrder = keysAfter(null, ACTIONS.length)
  const actionIds = ACTIONS.map(() => newId())
  ACTIONS.forEach((a, i) => {
    const milestoneOrder = keysAfter(null, a.milestones.length)
    actions.set(
      actionIds[i]!,
      buildAction({
        title: a.title,
        // Attached by id (OBJ8); the transversal actions serve no operational objective, and say so.
        objective: a.objective === 'transversal' ? TRANSVERSAL : '',
        objectiveId: a.objective === 'transversal' ? null : operationalIds[a.objective],
        description: a.description,
        start: a.start,
        deadline: a.deadline,
        status: a.status,
        progress: a.progress,
        blockedReason: a.blockedReason ?? '',
        accountable: a.accountable ? user(a.accountable) : null,
        responsible: a.responsible.map(user),
        consulted: a.consulted.map(user),
        informed: a.informed.map(user),
        milestones: Object.fromEntries(a.milestones.map((m, j) => [newId(), { ...m, order: milestoneOrder[j]! }])),
        resources: Object.fromEntries(
          a.resources.map((r) => [newId(), { label: r.label, amount: r.amount, unit: r.unit, partnerId: ids.partners[r.partner] }]),
        ),
        order: actionOrder[i]!,
      }),
    )
  })
  writeBalance(doc, ids, actionIds)
}

/** Writes the demo's balance: the settings, a year of declared actuals, Marc's validations (BAL, SEED5). */
function writeBalance(doc: Y.Doc, ids: DemoIds, actionIds: readonly string[]): void {
  writeBalanceSettings(doc, BALANCE_SETTINGS)
  const entryIds = Object.fromEntries(ACTUALS.map((a) => [a.key, newId()]))
  for (const a of ACTUALS) {
    const id = entryIds[a.key]!
    appendActual(doc, id, {
      partnerId: ids.partners[a.partner],
      period: a.period,
      unit: a.unit,
      amount: a.amount,
      comment: a.comment,
      by: ids.users[a.by],
      at: Date.parse(a.at),
      ...(a.action === undefined ? {} : { actionId: actionIds[a.action]! }),
      ...(a.amends === undefined ? {} : { amends: entryIds[a.amends]! }),
    })
    if (a.validatedAt) validateActualEntry(doc, id, { by: ids.users.marc, at: Date.parse(a.validatedAt) })
  }
}

/** Writes the demo governance bodies into an empty document. */
/** The map of actors (SEED6): three weighted criteria, a dozen actors scored, the contacts already made. */
function writeActorsDoc(doc: Y.Doc, ids: DemoIds): void {
  const criterionIds = Object.fromEntries(CRITERIA.map((c) => [c.key, newId()])) as Record<(typeof CRITERIA)[number]['key'], string>
  const orders = keysAfter(null, CRITERIA.length)
  CRITERIA.forEach((c, i) => {
    actorCriteriaOf(doc).set(criterionIds[c.key], buildActorCriterion({ name: c.name, weight: c.weight, order: orders[i]! }))
  })
  const actorIds: Record<string, string> = {}
  for (const { key, scores, ...actor } of ACTORS) {
    actorIds[key] = newId()
    const scored = Object.fromEntries(Object.entries(scores).map(([k, score]) => [criterionIds[k as keyof typeof criterionIds], score]))
    actorsOf(doc).set(actorIds[key], buildActor({ ...actor, scores: scored }))
  }
  const at = Date.now()
  for (const c of CONTACTS) {
    appendContact(doc, newId(), {
      actorId: actorIds[c.actor]!,
      date: c.date,
      who: PEOPLE.find((p) => p.key === c.by)!.name,
      whom: c.whom,
      how: c.how,
      outcome: c.outcome,
      by: ids.users[c.by],
      at,
    })
  }
}

function writeGovernanceDoc(doc: Y.Doc, ids: DemoIds): void {
  const bodies = bodiesOf(doc)
  const order = keysAfter(null, BODIES.length)
  BODIES.forEach((b, i) => {
    const seats = Object.fromEntries(Object.entries(b.seats).map(([key, n]) => [ids.partners[key as PartnerKey], n]))
    bodies.set(ids.bodies[b.key], buildBody({ ...b, seats, chair: b.chair ? ids.users[b.chair] : null, order: order[i]! }))
  })
}

/** The demo logins whose account exists (all of them once the demo has been seeded). */
async function existingLogins(db: Kysely<Database>): Promise<DemoLogin[]> {
  const rows = await db
    .selectFrom('user')
    .select('email')
    .where(
      'email',
      'in',
      DEMO_LOGINS.map((l) => l.email),
    )
    .execute()
  const known = new Set(rows.map((r) => r.email))
  return DEMO_LOGINS.filter((l) => known.has(l.email))
}

/** Finds the account of a demo person, or creates it through better-auth (hashed password, hooks). */
async function ensureUser(deps: SeedDeps, person: (typeof PEOPLE)[number]): Promise<string> {
  const row = await deps.db.selectFrom('user').select('id').where('email', '=', person.email).executeTakeFirst()
  if (row) return row.id
  const created = await deps.auth.api.signUpEmail({ body: { name: person.name, email: person.email, password: DEMO_PASSWORD } })
  return created.user.id
}

/**
 * Seeds the demo alliance on an empty database: accounts, workspace, partners, members, and one
 * stored update per document. On a database that already holds a workspace it creates nothing and
 * returns the demo logins that exist, so `pnpm start` prints them on every start.
 */
export async function seedDemo(deps: SeedDeps): Promise<DemoLogin[]> {
  const { db, rooms, logger } = deps
  if (await db.selectFrom('workspace').select('id').limit(1).executeTakeFirst()) {
    logger.debug('demo: a workspace exists, nothing to seed')
    return existingLogins(db)
  }

  const users = {} as Record<PersonKey, string>
  for (const person of PEOPLE) users[person.key] = await ensureUser(deps, person)
  const [admin, ...others] = PEOPLE
  const adminId = users[admin.key]

  const workspaceId = await createWorkspace(db, adminId, ALLIANCE_NAME)
  const partners = {} as Record<PartnerKey, string>
  for (const p of PARTNERS) partners[p.key] = await createPartner(db, workspaceId, { name: p.name, type: p.type })

  await updateMember(db, workspaceId, adminId, { partnerId: partners[admin.partner], representative: admin.representative })
  for (const person of others) {
    // Server-side seeding: demo accounts join directly (REST only ever invites).
    await addMembership(db, workspaceId, users[person.key], { role: person.role, partnerId: partners[person.partner], representative: person.representative })
  }

  const bodies = Object.fromEntries(BODIES.map((b) => [b.key, newId()])) as Record<BodyKey, string>
  const ids: DemoIds = { workspaceId, users, partners, bodies }
  const docs: [string, (doc: Y.Doc) => void][] = [
    ...Object.entries(richTexts(ids)).map(([name, content]): [string, (doc: Y.Doc) => void] => [name, (doc) => writeRichTextDoc(doc, content)]),
    ['plan', (doc) => writePlanDoc(doc, ids)],
    ['governance', (doc) => writeGovernanceDoc(doc, ids)],
    ['diagnostic', (doc) => writeDiagnosticDoc(doc, partners)],
    ['actors', (doc) => writeActorsDoc(doc, ids)],
  ]
  // Each document is one change of the server, authored by the admin, through the room like any
  // other (its client id claimed for the server, HOST1): one append per document.
  for (const [docName, write] of docs) await rooms.applyServerChange({ workspaceId, docName }, write, adminId)

  logger.info({ workspaceId, members: PEOPLE.length, partners: PARTNERS.length, documents: docs.length }, 'demo alliance seeded')
  logger.warn('demo accounts share a published password: start an empty database with SEED_DEMO=0 for real use')
  return [...DEMO_LOGINS]
}
