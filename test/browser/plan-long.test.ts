import { MESSAGE } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { planUpdates } from '../bench/largeDoc.ts'
import { createAlliance } from '../helpers/alliance.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 30_000 }
const ACTIONS = 400

/** An alliance whose plan holds ACTIONS actions, sent through a real provider (checked and stored like any edit). */
async function allianceWithLongPlan(base: string) {
  const { workspaceId, partnerId, admin, members } = await createAlliance(base, ['editor', 'editor', 'editor', 'editor'])
  const seeder = await connectDoc(admin.client, workspaceId, 'plan')
  await seeder.synced()
  for (const update of planUpdates(ACTIONS, 200, [admin.userId, ...members.map((m) => m.userId)], [partnerId])) Y.applyUpdate(seeder.doc, update)
  return { workspaceId, admin, seeder }
}

describe.skipIf(!browserTestsEnabled())('[BENCH2] a long action plan renders only the rows near the viewport', () => {
  const suite = browserSuite()

  it('[BENCH2] 400 actions: few rows in the DOM, full row count for screen readers, scrolling and adding reach the end', async () => {
    const base = suite.server.url
    const { workspaceId, admin, seeder } = await allianceWithLongPlan(base)

    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    await page.goto(`${base}/alliances/${workspaceId}/plan`)
    const table = page.getByTestId('plan-table')
    await table
      .locator(`[aria-rowindex="${ACTIONS + 1}"], [data-testid="action-row"]`)
      .first()
      .waitFor(WAIT)
    await page.waitForFunction((n) => document.querySelector('[data-testid="plan-table"]')?.getAttribute('aria-rowcount') === String(n + 1), ACTIONS, WAIT)

    // Only a window of rows is rendered, each with its position in the whole table.
    const rendered = await page.getByTestId('action-row').count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(ACTIONS / 2)
    await expect(page.getByTestId('action-row').first().getAttribute('aria-rowindex')).resolves.toBe('2')
    await expect(page.getByTestId('action-row').first().getByTestId('action-title').inputValue()).resolves.toBe('Action 0')

    // Scrolling to the bottom renders the last action.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
    const last = table.locator(`tr[aria-rowindex="${ACTIONS + 1}"]`)
    await last.waitFor(WAIT)
    await expect(last.getByTestId('action-title').inputValue()).resolves.toBe(`Action ${ACTIONS - 1}`)
    expect(await page.getByTestId('action-row').count()).toBeLessThan(ACTIONS / 2)

    // Back to the top, "add action" brings the new last row on screen with its title focused.
    await page.evaluate(() => window.scrollTo(0, 0))
    await table.locator('tr[aria-rowindex="2"]').waitFor(WAIT)
    await page.getByTestId('add-action').click()
    await page.waitForFunction(
      (n) =>
        document.activeElement?.closest('tr')?.getAttribute('aria-rowindex') === String(n + 2) &&
        document.activeElement?.getAttribute('data-field') === 'title',
      ACTIONS,
      WAIT,
    )
    seeder.destroy()
  })
})

describe.skipIf(!browserTestsEnabled())('[BENCH3] a large plan shows its first rows before its document is synced', () => {
  const suite = browserSuite()

  it('[BENCH3] the first rows arrive ahead of the document, read-only, and become the live rows once it is applied', async () => {
    const base = suite.server.url
    const { workspaceId, admin, seeder } = await allianceWithLongPlan(base)

    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    // The whole document (type 102) and every frame after it are held back until released below,
    // so the page can be seen with its preview only.
    let held: (string | Buffer)[] | null = null
    let release = () => {}
    await page.routeWebSocket(/\/ws\//, (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((message) => server.send(message))
      server.onMessage((message) => {
        if (held) return void held.push(message)
        if (typeof message !== 'string' && message[0] === MESSAGE.syncStep2V2) {
          held = [message]
          release = () => {
            for (const m of held ?? []) ws.send(m)
            held = null
          }
          return
        }
        ws.send(message)
      })
    })
    await page.goto(`${base}/alliances/${workspaceId}/plan`)
    const table = page.getByTestId('plan-table')
    const firstRow = page.getByTestId('action-row').first()
    await firstRow.waitFor(WAIT)
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-table"]')?.getAttribute('aria-busy') === 'true', undefined, WAIT)
    // The whole document may still be on its way (a large one is prepared on a thread first): held once it comes.
    await waitFor(() => held !== null, { message: 'the whole document arrived and is held back' })
    // The preview: the first actions in plan order, the whole plan's size announced, nothing editable yet.
    await expect(table.getAttribute('aria-rowcount')).resolves.toBe(String(ACTIONS + 1))
    await expect(firstRow.getByTestId('action-title').inputValue()).resolves.toBe('Action 0')
    await expect(firstRow.getByTestId('action-title').getAttribute('readonly')).resolves.not.toBeNull()
    await expect(page.getByTestId('add-action').isDisabled()).resolves.toBe(true)

    release()
    await page.locator('[data-testid="add-action"]:not([disabled])').waitFor(WAIT)
    await page.waitForFunction(() => !document.querySelector('[data-testid="plan-table"]')?.hasAttribute('aria-busy'), undefined, WAIT)
    await expect(firstRow.getByTestId('action-title').getAttribute('readonly')).resolves.toBeNull()
    await firstRow.getByTestId('action-title').fill('Action 0 modifiée')
    await firstRow.getByTestId('action-title').press('Enter')
    await expect.poll(() => seeder.doc.getMap('actions').size).toBe(ACTIONS)
    await expect.poll(() => (seeder.doc.getMap('actions').get('a0') as Y.Map<unknown> | undefined)?.get('title'), WAIT).toBe('Action 0 modifiée')
    seeder.destroy()
  })
})
