import { actorsOf, buildActor, PARTNER_TYPES } from '@ensemble/shared'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { launchBrowser } from '../helpers/browser.ts'
import { firstSeen, signedInState, watchFirstSeen, withText } from './browserTimes.ts'
import type { EnsembleTarget } from './targets/ensemble.ts'

const WAIT = { timeout: 120_000 }

export interface ActorsMapTimes {
  actors: number
  /** ms from navigation start until every actor is on screen: the grid's last point (the table, drawn in the same commit, shows its first page). */
  paintMs: number
  /** ms from a keystroke in the filter until grid and table show the narrowed list, painted. */
  filterMs: number
  /** ms from clearing the filter until every actor is back, painted. */
  unfilterMs: number
  /** ms from an arrow key on a point of the grid until the next point has the focus, painted. */
  keyMoveMs: number
}

/**
 * In the page, as a string (tsx's transpiled functions call helpers the page lacks): types `value` into
 * the filter like a keystroke would (React reads the input event) and resolves with the ms until the
 * count line says `expected`, at the next frame (painted).
 */
const FILTER = (value: string, expected: string) => `new Promise((resolve) => {
  const input = document.querySelector('[data-testid="actors-filter"]')
  const shown = document.querySelector('[data-testid="actors-shown"]')
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
  const t0 = performance.now()
  setter.call(input, ${JSON.stringify(value)})
  input.dispatchEvent(new Event('input', { bubbles: true }))
  const check = () => shown.textContent.startsWith(${JSON.stringify(expected)}) ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check)
  check()
})`

/** In the page: an arrow key on the grid's focused point, until the next point has the focus, at the next frame. */
const KEY_MOVE = `new Promise((resolve) => {
  const point = document.querySelector('[data-testid="actors-grid"] [tabindex="0"]')
  point.focus()
  const from = point.getAttribute('data-index')
  const t0 = performance.now()
  point.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))
  const check = () => document.activeElement && document.activeElement.getAttribute('data-index') !== from ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(check)
  check()
})`

/**
 * The map of actors with `count` actors (MAP9): written once into the alliance's `actors` document
 * through a provider, like the page writes them; then real Chromium opens « Cartographie des
 * acteurs » `rounds` times in a fresh context (cold cache) and times the first paint of every actor,
 * a filter keystroke and its clearing, and an arrow-key move on the grid.
 */
export async function actorsMapTimes(ensemble: EnsembleTarget, count: number, rounds: number): Promise<ActorsMapTimes[]> {
  const seeder = await connectDoc(ensemble.admin.client, ensemble.workspaceId, 'actors')
  await seeder.synced()
  const existing = actorsOf(seeder.doc).size
  seeder.doc.transact(() => {
    for (let i = existing; i < count; i++) {
      actorsOf(seeder.doc).set(
        `bench-actor-${i}`,
        buildActor({
          name: `Acteur ${i}`,
          type: PARTNER_TYPES[i % PARTNER_TYPES.length]!,
          expectations: 'Visibilité, projets communs',
          influence: (i % 5) + 1,
          interest: (Math.floor(i / 5) % 5) + 1,
          nuisance: (i % 3) + 1,
          perimeter: 'Territoire',
          synergies: '',
          status: i % 7 === 0 ? 'shortlisted' : 'identified',
          scores: {},
        }),
      )
    }
  })
  await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'actors stored', ...WAIT })
  seeder.destroy()

  const browser = await launchBrowser()
  const times: ActorsMapTimes[] = []
  const last = `[data-testid="actors-grid"] [data-index="${count - 1}"]`
  // "Acteur 1", "Acteur 10"…: the names the filter « Acteur 1 » keeps.
  const narrowed = Array.from({ length: count }, (_, i) => String(i)).filter((n) => n.startsWith('1')).length
  try {
    const storageState = await signedInState(browser, ensemble)
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 }, storageState })
      await watchFirstSeen(context, [last])
      const page = await context.newPage()
      await page.goto(`${ensemble.url}/alliances/${ensemble.workspaceId}/acteurs`)
      await withText(page, last).waitFor(WAIT)
      const paintMs = await firstSeen(page, last)
      const filterMs = (await page.evaluate(FILTER('Acteur 1', `${narrowed} acteur(s) sur ${count}`))) as number
      const unfilterMs = (await page.evaluate(FILTER('', `${count} acteur(s) sur ${count}`))) as number
      const keyMoveMs = (await page.evaluate(KEY_MOVE)) as number
      times.push({ actors: count, paintMs, filterMs, unfilterMs, keyMoveMs })
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return times
}
