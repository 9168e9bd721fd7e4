import { bodiesOf, buildBody, keyBetween } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { chairedMeeting } from './meetingSetup.ts'

const WAIT = { timeout: 20_000 }

/** The page has its heading and nothing in it still says it is loading. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor(WAIT)
  await page.waitForFunction(() => document.querySelectorAll('main [aria-busy="true"]').length === 0, undefined, WAIT)
}

/**
 * Every page a member reaches, checked by axe-core as it is shown (issue 19 §7): the other browser
 * tests check the pages they drive; this one walks all of them, signed out and in, so a page no test
 * drives cannot regress unseen.
 */
describe.skipIf(!browserTestsEnabled())('[A11Y1] axe on every page', () => {
  const suite = browserSuite()

  it('[A11Y1] sign-in, sign-up, the alliances list, the dashboard, each document, the diagnostic, the plan, objectives, the balance, governance, meetings, the meeting room, members, the inbox and the account page have no WCAG A/AA violation', async () => {
    const base = suite.server.url
    const setup = await chairedMeeting(base)
    // A body of the two other levels too, so that each level's badge is on the governance page.
    const governance = await connectDoc(setup.chair.client, setup.workspaceId, 'governance')
    await governance.synced()
    const bodies = bodiesOf(governance.doc)
    let order = keyBetween(null, null)
    for (const level of ['operational', 'functional'] as const) {
      order = keyBetween(order, null)
      const body = {
        name: `Instance ${level}`,
        level,
        mandate: '',
        seats: {},
        decisionRule: 'simple_majority',
        quorum: 0,
        cadence: 'monthly',
        chair: null,
        order,
      } as const
      bodies.set(`body-${level}`, buildBody(body))
    }
    const page = await suite.newPage()
    const found: string[] = []
    const headings: string[] = []
    const check = async (name: string, url: string, shows?: string) => {
      await page.goto(`${base}${url}`)
      await settled(page)
      if (shows) await page.locator(shows).first().waitFor(WAIT)
      headings.push((await page.locator('main h1').first().textContent()) ?? '')
      for (const violation of await axeViolations(page)) found.push(`${name} — ${violation}`)
    }
    await check('connexion', '/connexion')
    await check('inscription', '/inscription')
    await signInThroughUi(page, base, setup.chair.email)
    const alliance = `/alliances/${setup.workspaceId}`
    await check('mes alliances', '/')
    await check('tableau de bord', alliance)
    for (const slug of ['vision', 'charte', 'accord', 'convention', 'diagnostic', 'plan', 'objectifs', 'equilibre', 'reunions', 'membres', 'inbox']) {
      await check(slug, `${alliance}/${slug}`)
    }
    // Governance once the three bodies are shown, each with its level's badge.
    await check('gouvernance', `${alliance}/gouvernance`, '.level-badge.level--functional')
    await expect(page.locator('.level-badge.level--operational').count()).resolves.toBeGreaterThan(0)
    expect(governance.errors).toEqual([])
    governance.destroy()
    await check('salle de réunion', `${alliance}/reunions?reunion=${setup.meeting.id}`)
    await check('mon compte', '/compte')
    console.log('[figures] A11Y1 pages', JSON.stringify(headings))
    // Each page is the one asked for (not a redirect to sign-in or an error page).
    expect(new Set(headings).size).toBe(headings.length)
    expect(found).toEqual([])
  })
})
