import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, ensureClientBuilt, launchBrowser, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { appendBlocks, block, waitForRows } from '../integration/history-flow.ts'
import { twoPartnerAlliance, vote } from '../integration/signoff-flow.ts'
import type { SignoffRoundView } from '@ensemble/shared'
import * as Y from 'yjs'
import { axeViolations } from '../helpers/axe.ts'
import { contentOf } from '@ensemble/shared'
import { propose } from '../integration/signoff-flow.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[SIGN8] the history and sign-off panels in a real browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  it('[SIGN8] steering names a version and proposes it; a representative approves from the panel; the adopted text offers its exports', async () => {
    const base = server.url
    const { workspaceId, admin, steering, lina, hugo } = await twoPartnerAlliance(base)
    const writer = await connectDoc(admin.client, workspaceId, 'agreement')
    await writer.synced()
    appendBlocks(writer.doc, [block('heading', 'Article 1 — Objet'), block('paragraph', 'Coopérer pour le littoral.')])
    await waitForRows(admin.client, workspaceId, 'agreement', 1)
    writer.destroy()

    const open = async () => {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } })
      contexts.push(context)
      return context.newPage()
    }
    const page = await open()
    await signInThroughUi(page, base, steering.email)
    const agreement = `${base}/alliances/${workspaceId}/accord`
    await page.goto(agreement)
    // History: the admin's session is listed; a version is named from the panel.
    await page.locator('.history-sessions li', { hasText: 'Claire Admin' }).waitFor(WAIT)
    await page.getByLabel('Nom de la version', { exact: true }).fill('Projet v1')
    await page.getByRole('button', { name: 'Nommer l’état actuel' }).click()
    await page.locator('.history-versions li', { hasText: 'Projet v1' }).waitFor(WAIT)
    // Sign-off: proposing freezes the text; the document shows `Proposé`.
    await page.getByLabel('Nom de la version proposée').fill('Projet v1 — envoyé aux partenaires')
    await page.getByRole('button', { name: 'Proposer à l’adoption' }).click()
    await page.getByRole('heading', { name: 'Adoption « Projet v1 — envoyé aux partenaires » — en cours' }).waitFor(WAIT)

    const repPage = await open()
    await signInThroughUi(repPage, base, lina.email)
    await repPage.goto(agreement)
    await repPage.getByRole('button', { name: 'Approuver', exact: true }).click()
    await repPage.locator('.signoff-round li', { hasText: 'Association Littoral (Lina Association) : Approuve' }).waitFor(WAIT)

    const [round] = await admin.client.json<SignoffRoundView[]>('GET', `/api/workspaces/${workspaceId}/documents/agreement/signoff`, undefined, 200)
    expect((await vote(hugo, workspaceId, 'agreement', round!.id, { vote: 'approve' })).status).toBe('adopted')
    await repPage.reload()
    await repPage.getByRole('heading', { name: 'Adoption « Projet v1 — envoyé aux partenaires » — adoptée' }).waitFor(WAIT)
    const pdfHref = await repPage.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')
    expect(pdfHref).toBe(`/api/workspaces/${workspaceId}/documents/agreement/export.pdf`)
    await repPage.getByText(round!.contentHash).first().waitFor(WAIT)
  })

  it('[SIGN14] [SIGN16] on a phone (390 px) the representative reads each changed article’s word diff and approves it; the hash never widens the page; axe finds nothing serious', async () => {
    const base = server.url
    const { workspaceId, admin, steering, lina, hugo, cityId } = await twoPartnerAlliance(base)
    const api = `/api/workspaces/${workspaceId}/documents/agreement`
    const writer = await connectDoc(admin.client, workspaceId, 'agreement')
    await writer.synced()
    const heading = (text: string) => {
      const element = new Y.XmlElement('heading')
      element.setAttribute('level', 2 as unknown as string)
      element.insert(0, [new Y.XmlText(text)])
      return element
    }
    appendBlocks(writer.doc, [
      heading('Article 1 — Objet'),
      block('paragraph', 'Coopérer pour le littoral.'),
      heading('Article 2 — Durée'),
      block('paragraph', 'Conclu pour trois ans.'),
    ])
    await waitForRows(admin.client, workspaceId, 'agreement', 1)
    const { round } = await propose(steering, workspaceId, 'agreement', { name: 'v1' })
    await vote(lina, workspaceId, 'agreement', round.id, { vote: 'approve' })
    expect((await vote(hugo, workspaceId, 'agreement', round.id, { vote: 'approve' })).status).toBe('adopted')
    await steering.client.json('POST', `${api}/signoff/unlock`, undefined, 200)
    const stored = (await admin.client.json<{ edits: number }[]>('GET', `${api}/history`, undefined, 200)).reduce((n, s) => n + s.edits, 0)
    const duration = (contentOf(writer.doc).get(3) as Y.XmlElement).get(0) as Y.XmlText
    writer.doc.transact(() => {
      const at = duration.toString().indexOf('trois')
      duration.delete(at, 'trois'.length)
      duration.insert(at, 'cinq')
    })
    await waitForRows(admin.client, workspaceId, 'agreement', stored + 1)
    writer.destroy()
    const amendment = await propose(steering, workspaceId, 'agreement', { name: 'Avenant n°1' })

    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } })
    contexts.push(context)
    const page = await context.newPage()
    await signInThroughUi(page, base, hugo.email)
    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const articles = page.getByRole('region', { name: 'Article par article' })
    await articles.waitFor(WAIT)
    const changed = articles.getByRole('listitem', { name: 'Article 2 — Durée' })
    await changed.getByText('modifié · à approuver').waitFor(WAIT)
    // Rendered, not only in the DOM: the words removed and added in the article.
    await changed.locator('del', { hasText: 'trois' }).waitFor({ state: 'visible', ...WAIT })
    await changed.locator('ins', { hasText: 'cinq' }).waitFor({ state: 'visible', ...WAIT })
    const unchanged = articles.getByRole('listitem', { name: 'Article 1 — Objet' })
    await unchanged.getByText('inchangé · approbations conservées de la version adoptée').waitFor(WAIT)
    await unchanged.getByText('Approuvé par : Association Littoral, Ville de Lille').waitFor(WAIT)
    expect(await unchanged.getByRole('button').count()).toBe(0)

    // The hashes wrap: nothing is wider than the window.
    await page.getByRole('button', { name: 'Copier l’empreinte' }).first().waitFor(WAIT)
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    expect(await axeViolations(page)).toEqual([])

    await changed.getByRole('button', { name: 'Approuver l’article « Article 2 — Durée »' }).click()
    await changed.getByText('Approuvé par : Ville de Lille').waitFor(WAIT)
    const after = await admin.client.json<SignoffRoundView>('GET', `${api}/signoff/rounds/${amendment.round.id}`, undefined, 200)
    expect(after.votes.find((v) => v.partnerId === cityId)).toMatchObject({
      vote: 'approve',
      clause: 'Article 2 — Durée',
      approvedClauses: ['Article 2 — Durée'],
    })
    // The only asked article approved: the city's answer counts; the association's is still awaited.
    expect(after.outcome).toMatchObject({ adopted: false, approvals: 1 })
  })
})
