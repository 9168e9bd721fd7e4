import { mentionToken } from '@ensemble/shared'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, ensureClientBuilt, launchBrowser } from '../helpers/browser.ts'
import { addDocTargets } from '../helpers/docTargets.ts'
import { signUp } from '../helpers/http.ts'
import { removeDir, startTestServer, tempDataDir, type TestServer } from '../helpers/server.ts'
import { addMember } from '../helpers/invitations.ts'

const PASSWORD = 'motdepasse-solide-1' // the password test/helpers/http.ts signs users up with
const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[COMM24] the development outbox page', () => {
  let server: TestServer
  let browser: Browser
  let t = Date.parse('2030-03-04T09:00:00Z')

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer({ DIGEST_TICK_MS: '3600000' }, tempDataDir(), { clock: () => new Date(t) })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (server) removeDir(server.dataDir)
  })

  it('[COMM24] lists the kept digest as text (a hostile payload stays text) and its unsubscribe link works from the browser', async () => {
    const admin = await signUp(server.url, 'Alice Martin')
    const member = await signUp(server.url, 'Chloé Durand')
    const { id: ws } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du Littoral' }, 201)
    await addMember(admin.client, ws, member, { role: 'commenter' })
    await member.client.json('PUT', `/api/workspaces/${ws}/me/digest`, { frequency: 'daily' }, 200)
    await addDocTargets(admin.client, ws, { actions: ['a1'] })
    await admin.client.json(
      'POST',
      `/api/workspaces/${ws}/comments/threads`,
      { targetKind: 'action', targetId: 'a1', body: `${mentionToken('user', member.userId, 'Chloé Durand')} <img src=x onerror="document.title='pwned'">` },
      201,
    )
    t = Date.parse('2030-03-05T06:00:00Z')
    await server.server.digests.runDue()

    const page = await (await browser.newContext({ locale: 'fr-FR' })).newPage()
    await page.goto(`${server.url}/connexion`)
    await page.getByLabel('Adresse e-mail').fill(member.email)
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.getByRole('heading', { name: 'Mes alliances' }).waitFor(WAIT)

    await page.goto(`${server.url}/dev/outbox`)
    await page.getByRole('heading', { name: 'Courriels en attente (développement)' }).waitFor(WAIT)
    // The invitation that brought Chloé in, and the digest.
    await page.getByRole('status').filter({ hasText: '2 courriel(s)' }).waitFor(WAIT)
    const mail = page.getByRole('article', { name: 'Résumé du jour · Alliance du Littoral' })
    await mail.waitFor(WAIT)
    await expect(mail.locator('pre').textContent()).resolves.toContain(
      `Alice Martin vous a mentionné (Plan d’action) : « @Chloé Durand <img src=x onerror="document.title='pwned'"> »`,
    )
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.title()).not.toBe('pwned')

    const unsubscribe = mail.getByRole('link', { name: /\/api\/unsubscribe\?token=/ })
    await unsubscribe.click()
    await page.getByText('Vous ne recevrez plus de résumés par courriel pour cette alliance.').waitFor(WAIT)
    expect((await member.client.json<{ frequency: string }>('GET', `/api/workspaces/${ws}/me/digest`, undefined, 200)).frequency).toBe('off')
  })
})
