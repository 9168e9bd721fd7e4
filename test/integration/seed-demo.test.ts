import {
  DIAGNOSTIC_QUADRANTS,
  readDiagnosticItems,
  readProject,
  readSharedItems,
  agendaSuggestionNote,
  agendaSuggestions,
  balanceAlerts,
  balanceOfDoc,
  actorCriteriaOf,
  actorScore,
  actorsOf,
  contactLogOf,
  shortlist,
  type ActorStatus,
  computeBalance,
  readActuals,
  readActualValidations,
  readBalanceSettings,
  validateDocument,
  indicatorSchema,
  indicatorsOf,
  objectiveSchema,
  objectivesOf,
  questionsOf,
  trackStatus,
  validateSteering,
  actionSchema,
  actionsOf,
  bodiesOf,
  bodyDefinitions,
  findBodyLinks,
  contentOf,
  documentMetaSchema,
  governanceBodySchema,
  planMetaSchema,
  readAction,
  readBody,
  readDocumentMeta,
  readPlanMeta,
  RICH_TEXT_DOCS,
  totalSeats,
  WRITING_ROLES,
  type Member,
  type Partner,
  type Role,
} from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openDatabase } from '@ensemble/server/db'
import type { DemoLogin } from '@ensemble/server'
import { SERVER_CLIENT_OWNER, SqliteDocStore } from '@ensemble/server/storage'
import { connectDoc } from '../helpers/collab.ts'
import { HttpClient, signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'

interface WorkspaceDetail {
  id: string
  name: string
  role: Role
  partners: Partner[]
  members: Member[]
}

/** Reads the SQL counts and the stored documents of a data directory (its server must be closed). */
async function inspect(dataDir: string) {
  const handle = openDatabase({ dataDir, databaseUrl: null })
  const store = new SqliteDocStore(handle.sqlite!)
  try {
    const count = async (table: 'workspace' | 'partner' | 'member' | 'user' | 'doc_updates') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const counts = {
      workspaces: await count('workspace'),
      partners: await count('partner'),
      members: await count('member'),
      users: await count('user'),
      updates: await count('doc_updates'),
    }
    const workspaces = await handle.db.selectFrom('workspace').select('id').execute()
    const load = async (workspaceId: string, docName: string) => {
      const { snapshot, updates } = await store.load({ workspaceId, docName })
      const doc = new Y.Doc()
      if (snapshot) Y.applyUpdate(doc, snapshot)
      for (const u of updates) Y.applyUpdate(doc, u)
      return { doc, updates: updates.length + (snapshot ? 1 : 0) }
    }
    return { counts, workspaceIds: workspaces.map((w) => w.id), load, close: () => store.close().then(() => handle.close()) }
  } catch (err) {
    await handle.close()
    throw err
  }
}

/** Every element of a TipTap fragment, depth first, and every text run with its marks. */
function walk(fragment: Y.XmlFragment) {
  const elements: Y.XmlElement[] = []
  const runs: { insert: string; attributes?: Record<string, unknown> }[] = []
  for (const node of fragment.createTreeWalker(() => true)) {
    if (node instanceof Y.XmlElement) elements.push(node)
    else if (node instanceof Y.XmlText) runs.push(...node.toDelta())
  }
  const child = (el: Y.XmlElement, i = 0) => el.get(i) as Y.XmlElement | Y.XmlText | undefined
  const childName = (el: Y.XmlElement, i = 0) => (child(el, i) instanceof Y.XmlElement ? (child(el, i) as Y.XmlElement).nodeName : null)
  return { elements, runs, child, childName }
}

const plainText = (el: Y.XmlElement): string =>
  el
    .toArray()
    .map((n) =>
      n instanceof Y.XmlText
        ? n
            .toDelta()
            .map((d: { insert: string }) => d.insert)
            .join('')
        : '',
    )
    .join('')

async function signIn(url: string, email: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(url)
  await client.json('POST', '/api/auth/sign-in/email', { email, password }, 200)
  return client
}

describe('the demo alliance (SEED_DEMO=1)', () => {
  const dataDir = tempDataDir()
  let server: TestServer | null = null
  let logins: DemoLogin[] = []
  let workspace: WorkspaceDetail

  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: '1' }, dataDir)
    logins = server.server.demoLogins
    const admin = logins.find((l) => l.role === 'admin')!
    const client = await signIn(server.url, admin.email, admin.password)
    const [summary] = await client.json<{ id: string }[]>('GET', '/api/workspaces', undefined, 200)
    workspace = await client.json<WorkspaceDetail>('GET', `/api/workspaces/${summary!.id}`, undefined, 200)
  })
  afterAll(async () => {
    await server?.close()
    removeDir(dataDir)
  })

  it('[SEED1] the admin demo login signs in and sees one alliance of 5 partners from the 3 families', async () => {
    expect(logins.map((l) => l.role).sort()).toEqual(['admin', 'commenter', 'editor', 'editor', 'observer', 'steering', 'steering'])
    for (const l of logins) {
      expect(l.email).toMatch(/^[a-z]+@demo\.ensemble\.local$/)
      expect(l.password).toBe('ensemble-demo')
      expect(l.label).not.toBe('')
    }
    expect(workspace.name).toBe('Alliance Océans Hauts-de-France')
    expect(workspace.role).toBe('admin')
    expect(workspace.partners).toHaveLength(5)
    expect(new Set(workspace.partners.map((p) => p.type)).size).toBe(5)
    expect(new Set(workspace.partners.map((p) => p.family)).size).toBeGreaterThanOrEqual(3)
  })

  it('[SEED1] every demo login signs in; each person belongs to a partner, each partner has one representative', async () => {
    for (const l of logins) {
      const client = await signIn(server!.url, l.email, l.password)
      const list = await client.json<{ id: string; role: Role }[]>('GET', '/api/workspaces', undefined, 200)
      expect(list).toEqual([expect.objectContaining({ id: workspace.id, role: l.role })])
    }
    expect(workspace.members).toHaveLength(logins.length)
    const partnerIds = new Set(workspace.partners.map((p) => p.id))
    for (const m of workspace.members) expect(partnerIds.has(m.partnerId!)).toBe(true)
    for (const p of workspace.partners) {
      expect(p.representativeId).not.toBeNull()
      const rep = workspace.members.find((m) => m.userId === p.representativeId)!
      expect(rep.partnerId).toBe(p.id)
      expect(rep.representative).toBe(true)
    }
  })

  it('[SEED1] a member reads the seeded agreement live over the websocket', async () => {
    const observer = logins.find((l) => l.role === 'observer')!
    const client = await signIn(server!.url, observer.email, observer.password)
    const c = await connectDoc(client, workspace.id, 'agreement')
    try {
      await c.synced()
      await waitFor(() => contentOf(c.doc).length > 0, { message: 'agreement content' })
      const xml = contentOf(c.doc).toString()
      expect(xml).toContain('<table>')
      expect(xml).toContain('Article 8')
      expect(c.errors).toEqual([])
    } finally {
      c.destroy()
    }
  })

  it('[SEED2] [SEED5] [SEED6] [SEED7] the stored documents are valid: ≥15 actions passing actionSchema and the plan rules, valid bodies and rich texts; the balance flags one partner; two partners’ MOFF matrices, a shared matrix and the project; a map of actors scored and shortlisted', async () => {
    await server!.close()
    server = null
    const store = await inspect(dataDir)
    try {
      const members = new Map(workspace.members.map((m) => [m.userId, m]))
      const partnerIds = new Set(workspace.partners.map((p) => p.id))
      const writer = (id: string | null) => id !== null && WRITING_ROLES.includes(members.get(id)!.role)

      // One append per document, authored by the admin.
      for (const docName of [...RICH_TEXT_DOCS, 'plan', 'governance', 'diagnostic', 'actors']) expect((await store.load(workspace.id, docName)).updates).toBe(1)

      // The plan.
      const { doc: plan } = await store.load(workspace.id, 'plan')
      const meta = planMetaSchema.parse(readPlanMeta(plan))
      expect(meta).toEqual({ title: expect.any(String), start: '2026-01-01', end: '2028-12-31' })
      // Objectives, indicators with a year of values, questions (issue 18): valid, one indicator behind its path.
      const objectives = [...objectivesOf(plan).values()].map((o) => objectiveSchema.parse(o.toJSON()))
      expect(objectives.filter((o) => o.kind === 'strategic').length).toBeGreaterThanOrEqual(2)
      expect(objectives.filter((o) => o.kind === 'operational').length).toBeGreaterThanOrEqual(4)
      expect(objectives.some((o) => o.kind === 'operational' && o.status === 'validated')).toBe(true)
      const indicators = [...indicatorsOf(plan).values()].map((i) => indicatorSchema.parse(i.toJSON()))
      expect(indicators.every((i) => Object.keys(i.values).length >= 2)).toBe(true)
      expect(indicators.map((i) => trackStatus(i, meta.start))).toContain('off_track')
      expect(questionsOf(plan).size).toBeGreaterThanOrEqual(2)
      expect(
        validateSteering(plan, { members: new Map([...members].map(([id, m]) => [id, { role: m.role, partnerId: m.partnerId }])), partners: partnerIds }, meta),
      ).toEqual([])

      const actions = [...actionsOf(plan).values()].map(readAction)
      expect(actions.length).toBeGreaterThanOrEqual(15)
      // [SEED5] The balance (BAL): rates set, a year of declared and validated actuals, one partner behind.
      const context = { members: new Map([...members].map(([id, m]) => [id, { role: m.role, partnerId: m.partnerId }])), partners: partnerIds }
      expect(validateDocument(plan, 'plan', context).filter((v) => v.rule.startsWith('BAL'))).toEqual([])
      const settings = readBalanceSettings(plan)
      expect(settings.rates.jours_homme).toBe(300)
      const actuals = readActuals(plan)
      const validations = readActualValidations(plan)
      expect(Object.keys(actuals).length).toBeGreaterThanOrEqual(10)
      expect(Object.values(actuals).some((a) => a.amends !== undefined)).toBe(true)
      expect(Object.keys(validations).length).toBeGreaterThanOrEqual(5)
      expect(Object.keys(validations).length).toBeLessThan(Object.keys(actuals).length)
      const sheet = computeBalance({
        plan: meta,
        settings,
        actions,
        actuals,
        validated: new Set(Object.keys(validations)),
        partnerIds: workspace.partners.map((p) => p.id),
        asOf: '2026-12-31',
      })
      const flagged = sheet.partners.filter((p) => p.periods.find((row) => row.period === '2026')!.flagged).map((p) => p.partnerId)
      expect(flagged.map((id) => workspace.partners.find((p) => p.id === id)!.name)).toEqual(['Marée d’Opale'])
      for (const p of sheet.partners) expect(p.periods.find((row) => row.period === '2026')!.declared, p.partnerId).toBeGreaterThan(0)
      // [DASH11] [GOV28] Marée d’Opale is the dashboard's balance alert and a « Suggérer » item at the end of 2026.
      const names = new Map(workspace.partners.map((p) => [p.id, p.name]))
      const alerts = balanceAlerts(balanceOfDoc(plan, [...names.keys()], '2026-12-31'), '2026-12-31')
      expect(alerts.map((a) => [names.get(a.partnerId), a.period])).toEqual([['Marée d’Opale', '2026']])
      const suggested = agendaSuggestions(plan, '2026-12-31', new Set(), names).filter((s) => s.reason === 'balance_imbalance')
      expect(suggested.map((s) => agendaSuggestionNote(s))).toEqual([
        expect.stringMatching(/^Déséquilibre : Marée d’Opale a déclaré \d+ % de ses engagements \(2026\)$/),
      ])
      // OBJ8, OBJ9: actions point to operational objectives by id; only the transversal ones keep a text, serving none.
      const operationalIds = new Set([...objectivesOf(plan).entries()].filter(([, o]) => o.get('kind') === 'operational').map(([id]) => id))
      for (const a of actions) expect(a.objectiveId === null ? a.objective !== '' : operationalIds.has(a.objectiveId) && a.objective === '').toBe(true)
      expect(new Set(actions.flatMap((a) => (a.objectiveId ? [a.objectiveId] : []))).size).toBe(operationalIds.size)
      const statuses = new Set<string>()
      let overdue = 0
      for (const raw of actions) {
        const a = actionSchema.parse(raw)
        statuses.add(a.status)
        expect(a.start! <= a.deadline!, a.title).toBe(true)
        expect(a.start! >= meta.start && a.deadline! <= meta.end, a.title).toBe(true)
        for (const id of [...a.responsible, ...a.consulted, ...a.informed]) expect(members.has(id), a.title).toBe(true)
        const milestones = Object.values(a.milestones)
        expect(milestones.length).toBeGreaterThanOrEqual(1)
        expect(milestones.length).toBeLessThanOrEqual(3)
        for (const m of milestones) expect(m.date >= a.start! && m.date <= a.deadline!, `${a.title}: ${m.title}`).toBe(true)
        for (const r of Object.values(a.resources)) expect(partnerIds.has(r.partnerId)).toBe(true)
        if (a.status !== 'proposed') {
          expect(writer(a.accountable), `${a.title}: accountable`).toBe(true)
          expect(a.responsible.some(writer), `${a.title}: responsible`).toBe(true)
        }
        if (a.status === 'done') {
          expect(a.progress).toBe(100)
          expect(milestones.every((m) => m.done)).toBe(true)
        }
        if (a.status === 'blocked') expect(a.blockedReason).not.toBe('')
        if (a.status !== 'done' && a.deadline! < '2026-11-01') overdue++
      }
      expect([...statuses].sort()).toEqual(['blocked', 'done', 'in_progress', 'planned', 'proposed'])
      expect(overdue).toBeGreaterThanOrEqual(2)
      expect(new Set(actions.map((a) => a.order)).size).toBe(actions.length)

      // Governance.
      const { doc: governance } = await store.load(workspace.id, 'governance')
      const bodies = [...bodiesOf(governance).values()].map((b) => governanceBodySchema.parse(readBody(b)))
      expect(bodies.map((b) => b.level).sort()).toEqual(['functional', 'operational', 'strategic', 'strategic'])
      for (const b of bodies) {
        for (const partnerId of Object.keys(b.seats)) expect(partnerIds.has(partnerId)).toBe(true)
        expect(b.quorum).toBeGreaterThan(0)
        expect(b.quorum).toBeLessThanOrEqual(totalSeats(b))
        if (b.chair) expect(members.has(b.chair)).toBe(true)
      }
      const assembly = bodies.find((b) => b.decisionRule === 'two_thirds')!
      expect(Object.keys(assembly.seats).sort()).toEqual([...partnerIds].sort())
      const copil = bodies.find((b) => b.cadence === 'monthly' && b.decisionRule === 'simple_majority')!
      expect(members.get(copil.chair!)!.role).toBe('admin')

      // GOV25: the charter's governance section links to every seeded body, at its address in this alliance.
      const charterContent = contentOf((await store.load(workspace.id, 'charter')).doc)
      const definitions = bodyDefinitions(charterContent, workspace.id)
      expect([...definitions.keys()].sort()).toEqual([...bodiesOf(governance).keys()].sort())
      expect(new Set(definitions.values())).toEqual(new Set(['5. Gouvernance']))
      expect(findBodyLinks(charterContent).every((site) => site.workspaceId === workspace.id)).toBe(true)

      // Rich texts: TipTap layout, draft meta.
      for (const docName of RICH_TEXT_DOCS) {
        const { doc } = await store.load(workspace.id, docName)
        expect(documentMetaSchema.parse(readDocumentMeta(doc))).toEqual({ title: expect.any(String), status: 'draft', adoptedVersionId: null })
        const content = contentOf(doc)
        expect(content.length).toBeGreaterThanOrEqual(8)
        const first = content.get(0) as Y.XmlElement
        expect(first.nodeName).toBe('heading')
        expect(first.getAttribute('level')).toBe(1)
        const { elements, childName, runs } = walk(content)
        expect(elements.filter((e) => e.nodeName === 'paragraph').length).toBeGreaterThanOrEqual(4)
        const lists = elements.filter((e) => e.nodeName === 'bulletList' || e.nodeName === 'orderedList')
        expect(lists.length).toBeGreaterThanOrEqual(1)
        for (const list of lists) {
          expect(childName(list)).toBe('listItem')
          expect(childName(list.get(0) as Y.XmlElement)).toBe('paragraph')
        }
        expect(runs.some((r) => r.attributes && 'bold' in r.attributes)).toBe(true)
      }
      const agreement = walk(contentOf((await store.load(workspace.id, 'agreement')).doc))
      const table = agreement.elements.find((e) => e.nodeName === 'table')!
      expect(agreement.childName(table)).toBe('tableRow')
      const headerRow = table.get(0) as Y.XmlElement
      expect(agreement.childName(headerRow)).toBe('tableHeader')
      expect((headerRow.get(0) as Y.XmlElement).getAttribute('colspan')).toBe(1)
      expect(agreement.childName(headerRow.get(0) as Y.XmlElement)).toBe('paragraph')
      expect(agreement.childName(table.get(1) as Y.XmlElement)).toBe('tableCell')
      const articles = agreement.elements.filter((e) => e.nodeName === 'heading' && /^Article \d+/.test(plainText(e)))
      expect(articles.length).toBeGreaterThanOrEqual(8)
      const links = walk(contentOf((await store.load(workspace.id, 'vision')).doc)).runs.filter((r) => r.attributes?.link)
      expect(links[0]!.attributes!.link).toMatchObject({ href: expect.stringMatching(/^https:\/\//) })

      // [SEED6] « Diagnostic et projet » (DIAG, PROJ): two partners' matrices, a shared matrix keeping its sources, the project.
      const { doc: diagnostic } = await store.load(workspace.id, 'diagnostic')
      expect(validateDocument(diagnostic, 'diagnostic', context)).toEqual([])
      const items = readDiagnosticItems(diagnostic)
      const byPartner = new Set(Object.values(items).map((i) => i.partnerId))
      expect(byPartner.size).toBe(2)
      for (const partnerId of byPartner) {
        expect(
          new Set(
            Object.values(items)
              .filter((i) => i.partnerId === partnerId)
              .map((i) => i.quadrant),
          ),
        ).toEqual(new Set(DIAGNOSTIC_QUADRANTS))
      }
      const shared = Object.values(readSharedItems(diagnostic))
      const picked = shared.filter((s) => s.sourceItemId !== null)
      expect(picked.length).toBeGreaterThanOrEqual(4)
      for (const s of picked) expect(items[s.sourceItemId!]!.partnerId).toBe(s.sourcePartnerId)
      expect(new Set(picked.map((s) => s.sourcePartnerId))).toEqual(byPartner)
      const project = readProject(diagnostic)
      expect(project.figures.length).toBeGreaterThanOrEqual(3)
      expect(project.figures.every((f) => f.source !== '' && f.year !== null)).toBe(true)
      expect(project.beneficiaries.length).toBeGreaterThanOrEqual(2)
      expect(project.socialNeed).not.toBe('')
      expect(project.whyCollective).not.toBe('')
      expect(plainText(contentOf((await store.load(workspace.id, 'vision')).doc).get(1) as Y.XmlElement)).toBe(project.visionQuote)
      // [SEED7] The map of actors (MAP): valid, a dozen actors scored on weighted criteria, a shortlist, contacts logged.
      const { doc: map } = await store.load(workspace.id, 'actors')
      expect(validateDocument(map, 'actors', { members: new Map(), partners: partnerIds })).toEqual([])
      const criteria = [...actorCriteriaOf(map).entries()].map(([id, c]) => ({ id, weight: c.get('weight') as number }))
      expect(criteria.length).toBeGreaterThanOrEqual(3)
      const mapped = [...actorsOf(map).values()].map((a) => a.toJSON() as { name: string; status: ActorStatus; scores: Record<string, number> })
      expect(mapped.length).toBeGreaterThanOrEqual(12)
      expect(mapped.every((a) => !partnerIds.has(a.name))).toBe(true)
      const ranked = shortlist(mapped.map((a) => ({ ...a, score: actorScore(a.scores, criteria) })))
      expect(ranked.length).toBeGreaterThanOrEqual(3)
      expect(ranked[0]!.score).toBeGreaterThan(ranked.at(-1)!.score!)
      expect(contactLogOf(map).size).toBeGreaterThanOrEqual(8)
    } finally {
      await store.close()
    }
  })

  it('[ROOM11] each seeded document is one change of the server, authored by the admin, under a client id the server owns', async () => {
    if (server) {
      await server.close()
      server = null
    }
    const handle = openDatabase({ dataDir, databaseUrl: null })
    const store = new SqliteDocStore(handle.sqlite!)
    try {
      const adminId = workspace.members.find((m) => m.role === 'admin')!.userId
      for (const docName of [...RICH_TEXT_DOCS, 'plan', 'governance', 'diagnostic', 'actors']) {
        const key = { workspaceId: workspace.id, docName }
        const rows = await store.log(key)
        expect(
          rows.map((row) => row.authorId),
          docName,
        ).toEqual([adminId])
        const clients = [...new Set(Y.decodeUpdate(rows[0]!.data).structs.map((struct) => struct.id.client))]
        expect(clients, docName).toHaveLength(1)
        expect([...(await store.claimClients(key, clients, null)).values()], docName).toEqual([SERVER_CLIENT_OWNER])
      }
    } finally {
      await store.close()
      await handle.close()
    }
  })

  it('[SEED3] a second start on the same data creates nothing and prints the same logins', async () => {
    const before = await inspect(dataDir)
    await before.close()
    expect(before.counts.workspaces).toBe(1)
    const again = await startTestServer({ SEED_DEMO: '1' }, dataDir)
    let demoLogins: DemoLogin[]
    try {
      demoLogins = again.server.demoLogins
    } finally {
      await again.close()
    }
    expect(demoLogins).toEqual(logins)
    const after = await inspect(dataDir)
    await after.close()
    expect(after.counts).toEqual(before.counts)
  })
})

describe('the demo alliance next to existing data', () => {
  it('[SEED4] with SEED_DEMO=1 on a database that already holds a workspace, nothing is seeded and no login is printed', async () => {
    const dataDir = tempDataDir()
    try {
      const first = await startTestServer({ SEED_DEMO: '0' }, dataDir)
      try {
        const { client } = await signUp(first.url, 'Claire Existante')
        await client.json('POST', '/api/workspaces', { name: 'Alliance existante' }, 201)
      } finally {
        await first.close()
      }
      const second = await startTestServer({ SEED_DEMO: '1' }, dataDir)
      const logins = second.server.demoLogins
      await second.close()
      expect(logins).toEqual([])
      const after = await inspect(dataDir)
      await after.close()
      expect(after.counts).toMatchObject({ workspaces: 1, users: 1, updates: 0 })
    } finally {
      removeDir(dataDir)
    }
  })
})
