import path from 'node:path'
import { bodiesOf, buildBody, keyBetween, type Meeting } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[GOV12] meeting mode in real browsers', () => {
  const suite = browserSuite()

  it('[GOV12] [GOV11] [GOV1] the chair opens a vote, a member votes, the chair closes it: both see the quorum, the tally and the result; the body’s voting rules are edited on the governance page', async () => {
    const base = suite.server.url
    const chair = await signUp(base, 'Claire Présidente')
    const member = await signUp(base, 'Bruno Membre')
    const { id: workspaceId } = await chair.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
    const { id: partnerId } = await chair.client.json<{ id: string }>('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Association Estran', type: 'association' }, 201)
    await chair.client.json('POST', `/api/workspaces/${workspaceId}/members`, { email: member.email, role: 'editor', partnerId }, 201)
    const governance = await connectDoc(chair.client, workspaceId, 'governance')
    await governance.synced()
    bodiesOf(governance.doc).set('copil', buildBody({ name: 'Comité de pilotage', level: 'strategic', mandate: '', seats: { [partnerId]: 1 }, decisionRule: 'simple_majority', quorum: 1, cadence: 'monthly', chair: chair.userId, order: keyBetween(null, null) }))
    const input = { bodyId: 'copil', title: 'Comité de pilotage de novembre', startsAt: '2026-11-24T14:00:00+01:00', endsAt: '2026-11-24T16:00:00+01:00', place: 'Salle 2' }
    const meeting = await waitFor(async () => {
      const res = await chair.client.request('POST', `/api/workspaces/${workspaceId}/meetings`, input)
      return res.status === 201 ? ((await res.json()) as Meeting) : null
    })
    governance.destroy()

    const open = suite.newPage
    const pageA = await open()
    const pageB = await open()
    await signInThroughUi(pageA, base, chair.email)
    await signInThroughUi(pageB, base, member.email)
    const room = `${base}/alliances/${workspaceId}/reunions?reunion=${meeting.id}`
    await Promise.all([pageA.goto(room), pageB.goto(room)])
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
    for (const page of [pageA, pageB]) await page.getByTestId('vote-tally').filter({ hasText: 'Pour 1 · Contre 0 · Abstention 0 — 1 siège(s) ont voté' }).waitFor(WAIT)

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
