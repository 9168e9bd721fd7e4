import {
  actionsOf,
  appendActual,
  balancePeriods,
  bodiesOf,
  buildBody,
  addDays,
  appendIndicatorValue,
  buildAction,
  buildIndicator,
  buildObjective,
  dashboardSchema,
  type Dashboard,
  DASHBOARD_LIMITS,
  indicatorsOf,
  keyBetween,
  keysAfter,
  objectivesOf,
  planMetaOf,
  todayIso,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { HttpClient } from '../helpers/http.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { openEvents } from './comments-flow.ts'
import { appendBlocks, block, waitForRows } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

/**
 * GET /api/workspaces/:id/dashboard on a real server (SQLite, REST, websocket providers): what needs
 * each reader's attention, from the live plan and the inbox; the alliance view the same for every
 * member; the rights of the other routes; every list bounded; plan edits announced as plan.changed.
 */
let server: TestServer
let workspaceId: string
let partnerId: string
let admin: TestMember
let steering: TestMember
let observer: TestMember
let outsider: TestMember
let plan: DocClient
const today = todayIso()
const ORDERS = keysAfter('a0', 40)

const dashboardOf = async (who: TestMember): Promise<Dashboard> =>
  dashboardSchema.parse(await who.client.json('GET', `/api/workspaces/${workspaceId}/dashboard`, undefined, 200))
const section = (d: Dashboard, kind: Dashboard['attention'][number]['kind']) => d.attention.find((s) => s.kind === kind)!
const alertsOf = (d: Dashboard) => {
  const s = section(d, 'balance_alerts')
  if (s.kind !== 'balance_alerts') throw new Error('no balance alerts section')
  return s
}
const ids = (d: Dashboard, kind: Dashboard['attention'][number]['kind']) =>
  section(d, kind).items.map((i) => ('indicatorId' in i ? i.indicatorId : 'id' in i ? i.id : ''))

beforeAll(async () => {
  server = await startTestServer()
  const alliance = await createAlliance(server.url, ['steering', 'observer'])
  ;({ workspaceId, partnerId, admin } = alliance)
  ;[steering, observer] = alliance.members as [TestMember, TestMember]
  const other = await createAlliance(server.url)
  outsider = other.admin

  plan = await connectDoc(steering.client, workspaceId, 'plan')
  await plan.synced()
  const start = addDays(today, -200)
  plan.doc.transact(() => {
    planMetaOf(plan.doc).set('start', start)
    planMetaOf(plan.doc).set('end', addDays(today, 400))
    objectivesOf(plan.doc).set(
      'o1',
      buildObjective({
        kind: 'operational',
        title: 'Classes de mer',
        statement: '',
        parentId: null,
        partnerIds: [],
        targetDate: null,
        resources: '',
        status: 'draft',
        order: 'a1',
      }),
    )
    objectivesOf(plan.doc).set(
      'o2',
      buildObjective({
        kind: 'operational',
        title: 'Sentiers',
        statement: '',
        parentId: null,
        partnerIds: [],
        targetDate: null,
        resources: '',
        status: 'draft',
        order: 'a2',
      }),
    )
    const indicator = { family: 'results' as const, unit: 'classes', source: 'Registre', purposes: [] }
    // i1: behind its path (0 → 100 over the plan, 5 at mid-way): o1 is off track. Monthly, last value long ago: due.
    indicatorsOf(plan.doc).set(
      'i1',
      buildIndicator({
        ...indicator,
        objectiveId: 'o1',
        name: 'Classes accueillies',
        baseline: 0,
        target: 100,
        targetDate: addDays(today, 200),
        frequency: 'monthly',
        partnerId,
      }),
    )
    // i2: on its path, measured once at the target date (far away): nothing due.
    indicatorsOf(plan.doc).set(
      'i2',
      buildIndicator({
        ...indicator,
        objectiveId: 'o2',
        name: 'Kilomètres balisés',
        baseline: 0,
        target: 10,
        targetDate: addDays(today, 300),
        frequency: 'once',
        partnerId,
      }),
    )
    const act = (id: string, k: number, deadline: string, extra: Parameters<typeof buildAction>[0] extends infer A ? Partial<A> : never = {}) =>
      actionsOf(plan.doc).set(
        id,
        buildAction({
          title: `Action ${id}`,
          order: ORDERS[k]!,
          start,
          deadline,
          accountable: steering.userId,
          responsible: [steering.userId],
          objective: 'Classes de mer',
          status: 'in_progress',
          progress: 40,
          ...extra,
        }),
      )
    act('late', 0, addDays(today, -10))
    act('soon', 1, addDays(today, 3))
    act('later', 2, addDays(today, 30), { objective: 'Sentiers', status: 'done', progress: 100 })
    act('admins', 3, addDays(today, -5), { accountable: admin.userId, responsible: [admin.userId], objective: '' })
  })
  // Values are entered one by one, once their indicator exists (IND4).
  appendIndicatorValue(indicatorsOf(plan.doc).get('i1')!, 'v1', { value: 5, date: addDays(today, -150), comment: '', by: steering.userId, at: Date.now() })
  appendIndicatorValue(indicatorsOf(plan.doc).get('i2')!, 'v1', { value: 9, date: addDays(today, -10), comment: '', by: steering.userId, at: Date.now() })
  await waitFor(async () => plan.errors.length > 0 || (await dashboardOf(steering)).alliance.actionsByStatus.in_progress === 3, { message: 'the plan stored' })
  expect(plan.errors).toEqual([])
}, 60_000)

afterAll(async () => {
  plan?.destroy()
  await server?.close()
  if (server) removeDir(server.dataDir)
})

describe('DASH dashboard route', () => {
  it('DASH1 my overdue actions and those due within 7 days, not others’; DASH2 the objectives off track; DASH3 values due, my partner’s marked', async () => {
    const d = await dashboardOf(steering)
    expect(d.today).toBe(today)
    expect(ids(d, 'actions_overdue')).toEqual(['late'])
    expect(ids(d, 'actions_due_soon')).toEqual(['soon'])
    expect(ids(d, 'objectives_off_track')).toEqual(['o1'])
    expect(section(d, 'values_due').items).toEqual([expect.objectContaining({ indicatorId: 'i1', status: 'late', mine: true })])
    const mine = await dashboardOf(admin)
    expect(ids(mine, 'actions_overdue')).toEqual(['admins'])
  })

  it('DASH1 an observer sees the alliance view but no one else’s actions', async () => {
    const [mine, theirs] = await Promise.all([dashboardOf(steering), dashboardOf(observer)])
    expect(section(theirs, 'actions_overdue')).toEqual({ kind: 'actions_overdue', total: 0, items: [] })
    expect(section(theirs, 'actions_due_soon').total).toBe(0)
    expect(theirs.alliance).toEqual(mine.alliance)
  })

  it('DASH5 the objectives’ progress rolled up from their actions; DASH6 actions by status and each indicator’s series', async () => {
    const { alliance } = await dashboardOf(steering)
    expect(alliance.objectives.items.map(({ id, actions, done, progress, track }) => ({ id, actions, done, progress, track }))).toEqual([
      { id: 'o1', actions: 2, done: 0, progress: 40, track: 'off_track' },
      { id: 'o2', actions: 1, done: 1, progress: 100, track: 'on_track' },
    ])
    expect(alliance.actionsWithoutObjective).toBe(1)
    expect(alliance.actionsByStatus).toMatchObject({ in_progress: 3, done: 1 })
    expect(alliance.indicators.items.map((s) => [s.id, s.track, s.values.map((v) => v.value), s.path.length])).toEqual([
      ['i1', 'off_track', [5], 2],
      ['i2', 'on_track', [9], 2],
    ])
  })

  it('DASH3 an unread inbox item is on the attention list of its reader only', async () => {
    // Steering edits the admin's action: the admin's inbox gets an action.changed item.
    actionsOf(plan.doc).get('admins')!.set('progress', 50)
    await waitFor(async () => section(await dashboardOf(admin), 'inbox').total === 1, { message: 'the admin’s unread item' })
    expect(section(await dashboardOf(admin), 'inbox').items).toEqual([expect.objectContaining({ kind: 'action.changed', docName: 'plan', targetId: 'admins' })])
    expect(section(await dashboardOf(observer), 'inbox').total).toBe(0)
  })

  it('DASH4 every attention list is bounded, with its total', async () => {
    plan.doc.transact(() => {
      for (let k = 0; k < 14; k++)
        actionsOf(plan.doc).set(
          `bulk${k}`,
          buildAction({
            title: `Bulk ${k}`,
            order: ORDERS[10 + k]!,
            start: addDays(today, -100),
            deadline: addDays(today, -20 + k),
            accountable: steering.userId,
            responsible: [steering.userId],
            status: 'planned',
          }),
        )
    })
    await waitFor(async () => plan.errors.length > 0 || section(await dashboardOf(steering), 'actions_overdue').total === 15, {
      message: '15 overdue actions',
    })
    expect(plan.errors).toEqual([])
    const overdue = section(await dashboardOf(steering), 'actions_overdue')
    expect(overdue.items).toHaveLength(DASHBOARD_LIMITS.items)
    expect(overdue.items[0]).toMatchObject({ id: 'bulk0', deadline: addDays(today, -20) })
  })

  it('DASH4 a member of another alliance gets the 404 of the other routes; signed out, 401', async () => {
    const res = await outsider.client.request('GET', `/api/workspaces/${workspaceId}/dashboard`)
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
    expect((await new HttpClient(server.url).request('GET', `/api/workspaces/${workspaceId}/dashboard`)).status).toBe(401)
  })

  it('DASH3 the next meeting not over yet, for every member; a cancelled or past one is not', async () => {
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    try {
      await governance.synced()
      bodiesOf(governance.doc).set(
        'copil',
        buildBody({
          name: 'Comité de pilotage',
          level: 'strategic',
          mandate: 'Pilote le plan d’action.',
          seats: { [partnerId]: 2 },
          decisionRule: 'simple_majority',
          quorum: 1,
          cadence: 'monthly',
          chair: null,
          order: keyBetween(null, null),
          voting: { colleges: [], weighting: 'per_seat', maxProxies: 1, quorum: null, rules: { charter: 'two_thirds' } },
        }),
      )
      const at = (days: number, hour: number) => new Date(Date.now() + days * 86_400_000 + hour * 3_600_000).toISOString()
      const schedule = (title: string, days: number) =>
        waitFor(
          async () => {
            const res = await admin.client.request('POST', `/api/workspaces/${workspaceId}/meetings`, {
              bodyId: 'copil',
              title,
              startsAt: at(days, 0),
              endsAt: at(days, 2),
              place: 'Salle 2',
            })
            return res.status === 201 ? ((await res.json()) as { id: string }) : null
          },
          { message: `${title} scheduled` },
        )
      await schedule('Comité passé', -3)
      const later = await schedule('Comité de mars', 20)
      const next = await schedule('Comité de février', 6)
      for (const who of [steering, observer]) {
        const meeting = section(await dashboardOf(who), 'meeting')
        expect(meeting.total).toBe(2)
        expect(meeting.items).toEqual([expect.objectContaining({ id: next.id, title: 'Comité de février', place: 'Salle 2' })])
      }
      await admin.client.json('PATCH', `/api/workspaces/${workspaceId}/meetings/${next.id}`, { status: 'cancelled' }, 200)
      expect(section(await dashboardOf(steering), 'meeting').items).toEqual([expect.objectContaining({ id: later.id })])
    } finally {
      governance.destroy()
    }
  })

  it('DASH3 a document awaiting sign-off is on the list of each representative whose partner has not answered', async () => {
    const other = await twoPartnerAlliance(server.url)
    const agreement = await connectDoc(other.admin.client, other.workspaceId, 'agreement')
    try {
      await agreement.synced()
      appendBlocks(agreement.doc, [block('heading', 'Article 1 — Objet'), block('paragraph', 'Les partenaires coopèrent.')])
      await waitForRows(other.admin.client, other.workspaceId, 'agreement', 1)
      const { round } = await propose(other.steering, other.workspaceId, 'agreement', { name: 'Projet v1' })
      const signoffOf = async (who: TestMember) =>
        section(dashboardSchema.parse(await who.client.json('GET', `/api/workspaces/${other.workspaceId}/dashboard`, undefined, 200)), 'signoff')
      for (const who of [other.lina, other.hugo])
        expect(await signoffOf(who)).toEqual({ kind: 'signoff', total: 1, items: [{ roundId: round.id, docName: 'agreement', proposedAt: round.proposedAt }] })
      // The steering member represents no partner: nothing to sign.
      expect((await signoffOf(other.steering)).total).toBe(0)
      await vote(other.lina, other.workspaceId, 'agreement', round.id, { vote: 'approve' })
      expect((await signoffOf(other.lina)).total).toBe(0)
      expect((await signoffOf(other.hugo)).total).toBe(1)
    } finally {
      agreement.destroy()
    }
  })

  it('DASH8 a live edit of the plan is announced as plan.changed; the dashboard read then shows it', async () => {
    const stream = await openEvents(observer.client, workspaceId)
    try {
      for (let k = 0; k < 5; k++)
        actionsOf(plan.doc)
          .get('soon')!
          .set('progress', 41 + k)
      const event = await stream.next((e) => e.event === 'plan.changed', 'plan.changed')
      expect(event.data).toEqual({ docName: 'plan' })
      // The burst's last edits are announced at the end of the second at the latest (unit test DASH8).
      await waitFor(async () => (await dashboardOf(observer)).alliance.objectives.items[0]!.progress === Math.round((45 + 40) / 2), {
        message: 'the last edit on the dashboard',
      })
    } finally {
      stream.close()
    }
  })

  it('DASH11 a partner behind on its commitments is a balance alert, « mon partenaire » for its members; DASH12 the alliance view holds its figures; a declaration announced as plan.changed clears it', async () => {
    const stream = await openEvents(observer.client, workspaceId)
    try {
      // 'late' runs from the plan's start to 10 days ago: its 4 days of the partner's work are all due.
      ;(actionsOf(plan.doc).get('late')!.get('resources') as Y.Map<unknown>).set(
        'bal',
        new Y.Map(Object.entries({ label: 'Animation', amount: 4, unit: 'jours_homme', partnerId })),
      )
      await waitFor(async () => plan.errors.length > 0 || section(await dashboardOf(steering), 'balance_alerts').total === 1, { message: 'the alert' })
      expect(plan.errors).toEqual([])
      const mine = alertsOf(await dashboardOf(steering))
      expect(mine.items).toEqual([{ partnerId, name: 'Association Littoral', period: expect.any(String), ratio: 0, mine: true }])
      // The alliance view is the same for every member.
      const observed = await dashboardOf(observer)
      expect(section(observed, 'balance_alerts').total).toBe(1)
      expect(observed.alliance.balance.partners).toEqual([
        expect.objectContaining({
          partnerId,
          name: 'Association Littoral',
          declared: 0,
          validated: 0,
          flagged: mine.items[0]!.period === observed.alliance.balance.period,
        }),
      ])
      const due = observed.alliance.balance.partners[0]!.committedToDate
      if (observed.alliance.balance.period === mine.items[0]!.period) expect(due).toBeGreaterThan(0)
      // The partner declares what it delivered, in every period begun: the alert goes, announced live.
      const periods = balancePeriods({ start: addDays(today, -200), end: addDays(today, 400) }, 'year').filter((p) => p.start <= today)
      periods.forEach((p, k) =>
        appendActual(plan.doc, `bal-${k}`, { partnerId, period: p.key, unit: 'EUR', amount: 5000, comment: 'Animations', by: steering.userId, at: Date.now() }),
      )
      await stream.next((e) => e.event === 'plan.changed', 'plan.changed')
      await waitFor(async () => plan.errors.length > 0 || section(await dashboardOf(steering), 'balance_alerts').total === 0, { message: 'the alert cleared' })
      expect(plan.errors).toEqual([])
      const after = await dashboardOf(observer)
      expect(after.alliance.balance.partners[0]).toEqual(expect.objectContaining({ partnerId, declared: 5000, flagged: false }))
    } finally {
      stream.close()
    }
  })
})
