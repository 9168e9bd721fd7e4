import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, ensureClientBuilt, launchBrowser, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { startTestServer, type TestServer } from '../helpers/server.ts'
import { appendBlocks, block, waitForRows } from '../integration/history-flow.ts'
import { twoPartnerAlliance, vote } from '../integration/signoff-flow.ts'
import type { SignoffRoundView } from '@ensemble/shared'

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
    await repPage.getByRole('button', { name: 'Approuver' }).click()
    await repPage.locator('.signoff-round li', { hasText: 'Association Littoral (Lina Association) : Approuve' }).waitFor(WAIT)

    const [round] = await admin.client.json<SignoffRoundView[]>('GET', `/api/workspaces/${workspaceId}/documents/agreement/signoff`, undefined, 200)
    expect((await vote(hugo, workspaceId, 'agreement', round!.id, { vote: 'approve' })).status).toBe('adopted')
    await repPage.reload()
    await repPage.getByRole('heading', { name: 'Adoption « Projet v1 — envoyé aux partenaires » — adoptée' }).waitFor(WAIT)
    const pdfHref = await repPage.getByRole('link', { name: 'Télécharger en PDF' }).getAttribute('href')
    expect(pdfHref).toBe(`/api/workspaces/${workspaceId}/documents/agreement/export.pdf`)
    await repPage.getByText(round!.contentHash).first().waitFor(WAIT)
  })
})
