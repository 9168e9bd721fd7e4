import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled } from '../helpers/browser.ts'
import { chairedMeeting, roomPages } from './meetingSetup.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[GOV12] meeting mode in real browsers', () => {
  const suite = browserSuite()

  it('[GOV12] [GOV11] [GOV1] the chair opens a vote, a member votes, the chair closes it: both see the quorum, the tally and the result; the body’s voting rules are edited on the governance page', async () => {
    const base = suite.server.url
    const setup = await chairedMeeting(base)
    const { workspaceId } = setup
    const [pageA, pageB] = await roomPages(suite, base, setup)
    for (const page of [pageA, pageB]) await page.getByRole('heading', { name: 'Comité de pilotage de novembre', level: 1 }).waitFor(WAIT)

    // No quorum until the member arrives; the chair takes attendance, both indicators flip.
    for (const page of [pageA, pageB]) await page.locator('[data-testid="quorum"][data-met="false"]').waitFor(WAIT)
    await pageA.getByLabel('Présence de Bruno Membre').selectOption('present')
    for (const page of [pageA, pageB]) await page.locator('[data-testid="quorum"][data-met="true"]').waitFor(WAIT)

    // The chair opens a vote from the interface; the member sees it and votes.
    await pageA.getByLabel('Question soumise au vote').fill('Adopter le budget 2027')
    await pageA.getByRole('button', { name: 'Ouvrir le vote' }).click()
    await pageB.getByRole('heading', { name: 'Adopter le budget 2027' }).waitFor(WAIT)
    await pageB.getByRole('button', { name: 'Pour' }).click()
    for (const page of [pageA, pageB])
      await page.getByTestId('vote-tally').filter({ hasText: 'Pour 1 · Contre 0 · Abstention 0 — 1 siège(s) ont voté' }).waitFor(WAIT)

    await pageA.getByRole('button', { name: 'Clore le vote' }).click()
    for (const page of [pageA, pageB]) {
      const result = page.locator('[data-testid="vote-result"][data-outcome="adopted"]')
      await result.waitFor(WAIT)
      expect(await result.textContent()).toContain('Adoptée')
      await expect(result.getAttribute('aria-live')).resolves.toBe('assertive')
    }
    // Closed: the member has no ballot buttons left.
    expect(await pageB.getByRole('button', { name: 'Pour' }).count()).toBe(0)
    await pageA.screenshot({ path: path.join(ARTIFACTS_DIR, 'meeting-mode.png') })

    // The body's voting rules, on the governance page: a rule per decision type, checked and kept.
    await pageA.goto(`${base}/alliances/${workspaceId}/gouvernance`)
    const rules = pageA.getByTestId('voting-rules')
    await rules.waitFor(WAIT)
    await rules.getByLabel('Charte').selectOption('two_thirds')
    await pageA.reload()
    // Read back from the server after the reload (the document syncs in).
    await expect.poll(() => pageA.getByTestId('voting-rules').getByLabel('Charte').inputValue(), WAIT).toBe('two_thirds')
  })
})
