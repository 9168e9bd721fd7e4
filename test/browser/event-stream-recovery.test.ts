import { LIMITS, mentionToken } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/**
 * A member with more tabs open than event streams allowed (LIM3: 8) in Chromium (LIM9): the tab
 * refused with 429 shows nothing alarming, comes back by itself once other tabs close (after the
 * server's Retry-After), catches up on what it missed and then hears live events again.
 */
describe.skipIf(!browserTestsEnabled())('[LIM9] an event stream refused for too many tabs comes back', () => {
  const suite = browserSuite()

  it('[LIM9] nine tabs of one member: the ninth is refused (429), shows no error, and once two tabs close it reopens its stream, shows the mention it missed and the next one live', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['editor'])
    const editor = members[0]!
    const mention = (text: string) =>
      admin.client.json(
        'POST',
        `/api/workspaces/${workspaceId}/comments/threads`,
        { targetKind: 'document', docName: 'charter', body: `${text} ${mentionToken('user', editor.userId, 'Éditeur')}` },
        201,
      )

    /** The statuses of the event-stream answers a tab received, in order. */
    const streamAnswers = new Map<Page, number[]>()
    const openDashboard = async (page: Page) => {
      const answers: number[] = []
      streamAnswers.set(page, answers)
      page.on('response', (res) => {
        if (new URL(res.url()).pathname === `/api/workspaces/${workspaceId}/events`) answers.push(res.status())
      })
      await page.goto(`${base}/alliances/${workspaceId}`)
      await page.getByRole('heading', { name: /Alliance de test — Tableau de bord/ }).waitFor(WAIT)
      await waitFor(() => answers.length > 0, { message: 'an answer to the event stream' })
    }

    // Each tab in a browser context of its own: over HTTP/1.1 a browser gives one site 6
    // connections, and each open stream holds one (HTTP/2 behind a proxy lifts that).
    const first = await suite.newPage()
    await signInThroughUi(first, base, editor.email)
    const cookies = await first.context().cookies()
    const newTab = async () => {
      const tab = await suite.newPage()
      await tab.context().addCookies(cookies)
      return tab
    }
    const tabs = [first]
    for (let i = 1; i < LIMITS.maxEventStreamsPerUser; i++) tabs.push(await newTab())
    for (const tab of tabs) await openDashboard(tab)
    for (const tab of tabs) expect(streamAnswers.get(tab)).toEqual([200])

    // One tab too many: its stream is refused.
    const ninth = await newTab()
    const ninthUnread = ninth.waitForResponse((r) => r.url().includes('/inbox/unread-count'))
    await openDashboard(ninth)
    expect(streamAnswers.get(ninth)![0]).toBe(429)
    // Its first read of the unread count is answered before the mention, so only a live stream could bring it.
    await ninthUnread

    // Someone mentions the member: the eight live tabs show it at once; the refused one cannot.
    await mention('Premier avis')
    await first.locator('[data-testid="inbox-badge"][data-count="1"]').waitFor(WAIT)
    await expect(ninth.getByTestId('inbox-badge').count()).resolves.toBe(0)
    // Nothing alarming on the refused tab: no alert, the page works as before.
    await expect(ninth.getByRole('alert').count()).resolves.toBe(0)

    // Two tabs close: the refused tab's next attempt (after Retry-After) gets a stream...
    await tabs.pop()!.context().close()
    await tabs.pop()!.context().close()
    await waitFor(() => streamAnswers.get(ninth)!.includes(200), { timeoutMs: 30_000, message: 'the refused tab to reopen its stream' })
    expect(
      streamAnswers
        .get(ninth)!
        .filter((s) => s !== 200)
        .every((s) => s === 429),
    ).toBe(true)
    // ...catches up on what it missed while refused...
    await ninth.locator('[data-testid="inbox-badge"][data-count="1"]').waitFor(WAIT)
    // ...and hears the next event live, without a reload.
    const answersBefore = streamAnswers.get(ninth)!.length
    await mention('Second avis')
    await ninth.locator('[data-testid="inbox-badge"][data-count="2"]').waitFor(WAIT)
    expect(streamAnswers.get(ninth)!.length).toBe(answersBefore)
    await expect(ninth.getByRole('alert').count()).resolves.toBe(0)
  })
})
