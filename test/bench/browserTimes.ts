import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser } from '../helpers/browser.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'

const PASSWORD = 'motdepasse-solide-1' // the password test/helpers/http.ts signs users up with
const WAIT = { timeout: 120_000 }

export interface PageTimes {
  page: 'plan' | 'agreement'
  /** ms from navigation start until the first content of the document is on screen (an element with text). */
  paintMs: number
  /** ms from navigation start until the page accepts edits (synced: the editor or "add action" is enabled). */
  interactiveMs: number
}

/**
 * What each page shows first, and what tells it is ready for edits. The agreement's text is painted
 * by its read-only first screen or by the editor, whichever comes first (both in the surface).
 */
export const PAGES = {
  plan: { path: 'plan', paint: '[data-testid="action-row"]', interactive: '[data-testid="add-action"]:not([disabled])' },
  agreement: { path: 'accord', paint: '.document-editor__surface p', interactive: '.ProseMirror[contenteditable="true"]' },
} as const

/** The admin's session, signed in once through the form, for fresh contexts (`browser.newContext({ storageState })`). */
export async function signedInState(browser: Browser, ensemble: EnsembleTarget): Promise<SignedInState> {
  const signIn = await browser.newContext({ locale: 'fr-FR' })
  const form = await signIn.newPage()
  await form.goto(`${ensemble.url}/connexion`)
  await form.getByLabel('Adresse e-mail').fill(ensemble.admin.email)
  await form.getByLabel('Mot de passe').fill(PASSWORD)
  await form.getByRole('button', { name: 'Se connecter' }).click()
  await form.getByRole('heading', { name: 'Mes alliances' }).waitFor(WAIT)
  const state = await signIn.storageState()
  await signIn.close()
  return state
}

export type SignedInState = Awaited<ReturnType<BrowserContext['storageState']>>

/**
 * Installed in every page of `context` before its own scripts: at each frame (requestAnimationFrame,
 * just before painting) notes when each selector first matches an element that has a box on the page
 * and some text (the first match: querySelector).
 * Reading the time afterwards, rather than asking once Playwright has seen the element, keeps the
 * measure exact when the page is busy right after that frame (a large plan's document is applied
 * just after its first rows are painted: a later `performance.now()` would wait for it).
 */
export async function watchFirstSeen(context: BrowserContext, selectors: readonly string[]): Promise<void> {
  // A string, not a function: tsx's transpiled functions call helpers (`__name`) the page lacks.
  await context.addInitScript(`(() => {
    const watched = ${JSON.stringify(selectors)}
    const seen = (window.__firstSeen = {})
    const check = () => {
      for (const selector of watched) {
        if (selector in seen) continue
        const element = document.querySelector(selector)
        // On screen and with text: an editor's empty first paragraph, before the document arrives, is not content.
        if (element && element.getClientRects().length > 0 && element.textContent.trim() !== '') seen[selector] = performance.now()
      }
      if (watched.some((selector) => !(selector in seen))) requestAnimationFrame(check)
    }
    requestAnimationFrame(check)
  })()`)
}

/** The first element of `selector` once it has text (what watchFirstSeen times). */
export const withText = (page: Page, selector: string) => page.locator(selector).first().filter({ hasText: /\S/ })

/** When `selector` was first seen (ms since navigation start), once Playwright has seen it too. */
export const firstSeen = (page: Page, selector: string): Promise<number> =>
  page.evaluate((s) => (window as unknown as { __firstSeen?: Record<string, number> }).__firstSeen?.[s] ?? performance.now(), selector)

/**
 * Real Chromium opens the large alliance's plan and agreement (signed in through the form first),
 * `rounds` times each in a fresh browser context (cold cache), and records when the content is painted and when
 * the page is interactive. The client must have been built before Ensemble started (suite.ts).
 */
export async function browserTimes(ensemble: EnsembleTarget, rounds: number): Promise<PageTimes[]> {
  const browser = await launchBrowser()
  const times: PageTimes[] = []
  try {
    // Signed in once through the form; each measured page opens in a fresh context with that session.
    const storageState = await signedInState(browser, ensemble)
    for (let round = 0; round < rounds; round++) {
      for (const name of ['plan', 'agreement'] as const) {
        const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, storageState })
        const target = PAGES[name]
        await watchFirstSeen(context, [target.paint, target.interactive])
        const page = await context.newPage()
        const step = async (what: string, selector: string) => {
          try {
            await withText(page, selector).waitFor(WAIT)
          } catch (err) {
            throw new Error(`${name} page, ${what} (${selector}): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`)
          }
          return firstSeen(page, selector)
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
