import type { Page } from 'playwright-core'
import { ensureClientBuilt, launchBrowser } from '../helpers/browser.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'

const PASSWORD = 'motdepasse-solide-1' // the password test/helpers/http.ts signs users up with
const WAIT = { timeout: 120_000 }

export interface PageTimes {
  page: 'plan' | 'agreement'
  /** ms from navigation start until the first content of the document is on screen. */
  paintMs: number
  /** ms from navigation start until the page accepts edits (synced: the editor or "add action" is enabled). */
  interactiveMs: number
}

/** What each page shows first, and what tells it is ready for edits. */
const PAGES = {
  plan: { path: 'plan', paint: '[data-testid="action-row"]', interactive: '[data-testid="add-action"]:not([disabled])' },
  agreement: { path: 'accord', paint: '.ProseMirror p', interactive: '.ProseMirror[contenteditable="true"]' },
} as const

const sinceNavigation = (page: Page) => page.evaluate(() => performance.now())

/**
 * Real Chromium opens the large alliance's plan and agreement (signed in through the form first),
 * `rounds` times each in a fresh browser context (cold cache), and records when the content is painted and when
 * the page is interactive.
 */
export async function browserTimes(ensemble: EnsembleTarget, rounds: number): Promise<PageTimes[]> {
  ensureClientBuilt()
  const browser = await launchBrowser()
  const times: PageTimes[] = []
  try {
    // Signed in once through the form; each measured page opens in a fresh context with that session.
    const signIn = await browser.newContext({ locale: 'fr-FR' })
    const form = await signIn.newPage()
    await form.goto(`${ensemble.url}/connexion`)
    await form.getByLabel('Adresse e-mail').fill(ensemble.admin.email)
    await form.getByLabel('Mot de passe').fill(PASSWORD)
    await form.getByRole('button', { name: 'Se connecter' }).click()
    await form.getByRole('heading', { name: 'Mes alliances' }).waitFor(WAIT)
    const storageState = await signIn.storageState()
    await signIn.close()
    for (let round = 0; round < rounds; round++) {
      for (const name of ['plan', 'agreement'] as const) {
        const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, storageState })
        const page = await context.newPage()
        const target = PAGES[name]
        const step = async (what: string, selector: string) => {
          try {
            await page.locator(selector).first().waitFor(WAIT)
          } catch (err) {
            throw new Error(`${name} page, ${what} (${selector}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
          }
          return sinceNavigation(page)
        }
        await page.goto(`${ensemble.url}/alliances/${ensemble.workspaceId}/${target.path}`)
        const paintMs = await step('paint', target.paint)
        const interactiveMs = await step('interactive', target.interactive)
        times.push({ page: name, paintMs, interactiveMs })
        await context.close()
      }
    }
  } finally {
    await browser.close()
  }
  return times
}
