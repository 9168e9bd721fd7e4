import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'

const WAIT = { timeout: 20_000 }

/** The value of the first input or textarea matching `selector`, once it equals `expected`. */
async function waitForValue(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(
    ([sel, value]) => (document.querySelector(sel!) as HTMLInputElement | HTMLTextAreaElement | null)?.value === value,
    [selector, expected] as const,
    WAIT,
  )
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, name), fullPage: false })

describe.skipIf(!browserTestsEnabled())('[E2E1] two partners co-edit in real browsers', () => {
  const suite = browserSuite()

  it('[E2E1] both see each other’s text, caret and plan cells, with no edit lost', async () => {
    const base = suite.server.url
    // Set-up through the public REST API: an admin, an editor of a partner, one alliance.
    const admin = await signUp(base, 'Claire Admin')
    const editor = await signUp(base, 'Bruno Éditeur')
    const { id: workspaceId } = await admin.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
    const { id: partnerId } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Association Estran', type: 'association' },
      201,
    )
    await addMember(admin.client, workspaceId, editor, { role: 'editor', partnerId })

    const open = suite.newPage
    const pageA = await open()
    const pageB = await open()
    await signInThroughUi(pageA, base, admin.email)
    await signInThroughUi(pageB, base, editor.email)

    // --- the consortium agreement, typed by both ---------------------------------------------
    const agreement = `${base}/alliances/${workspaceId}/accord`
    await Promise.all([pageA.goto(agreement), pageB.goto(agreement)])
    const editable = '.ProseMirror[contenteditable="true"]'
    await pageA.locator(editable).waitFor(WAIT)
    await pageB.locator(editable).waitFor(WAIT)
    await expect(pageA.getAttribute('html', 'lang')).resolves.toBe('fr')

    await pageA.locator(editable).click()
    await pageA.keyboard.type('Article 1 — Texte de Claire.')
    await pageB.locator('.ProseMirror', { hasText: 'Texte de Claire' }).waitFor(WAIT)

    await pageB.locator(editable).click()
    await pageB.keyboard.press('Control+End')
    await pageB.keyboard.press('Enter')
    await pageB.keyboard.type('Article 2 — Texte de Bruno.')
    await pageA.locator('.ProseMirror', { hasText: 'Texte de Bruno' }).waitFor(WAIT)
    await pageB.locator('.ProseMirror', { hasText: 'Texte de Claire' }).waitFor(WAIT)

    // Each sees the other's named caret, and the other in the presence list.
    await pageA.locator('.collaboration-carets__label', { hasText: 'Bruno Éditeur' }).waitFor(WAIT)
    await pageB.locator('.collaboration-carets__label', { hasText: 'Claire Admin' }).waitFor(WAIT)
    await pageA.locator('[data-testid="presence"] .presence__name', { hasText: 'Bruno Éditeur' }).waitFor(WAIT)
    await pageB.locator('[data-testid="presence"] .presence__name', { hasText: 'Claire Admin' }).waitFor(WAIT)
    await pageA.locator('[data-testid="connection-status"][data-status="connected"]').waitFor(WAIT)
    await shot(pageA, 'E2E1-agreement-admin.png')
    await shot(pageB, 'E2E1-agreement-editor.png')

    // --- the action plan: two cells of the same action ---------------------------------------
    const plan = `${base}/alliances/${workspaceId}/plan`
    await Promise.all([pageA.goto(plan), pageB.goto(plan)])
    await pageA.locator('[data-testid="add-action"]:not([disabled])').waitFor(WAIT)
    await pageA.locator('[data-testid="add-action"]').click()
    const row = '[data-testid="action-row"]'
    await pageB.locator(row).waitFor(WAIT)
    const actionId = await pageA.locator(row).first().getAttribute('data-action-id')
    expect(actionId).toBeTruthy()
    const title = `[data-action-id="${actionId}"] [data-testid="action-title"]`
    // The objective is a picker now (OBJ10): the deadline is the other cell of the row both may draft.
    const deadline = `[data-action-id="${actionId}"] [data-testid="action-deadline"]`

    // Claire drafts the title (not yet committed) while Bruno commits the deadline.
    await pageA.locator(title).fill('Atelier commun de diagnostic')
    await pageB.locator(deadline).fill('2026-06-30')
    await pageB.locator(deadline).press('Enter')

    // Bruno's deadline reaches Claire without touching her draft…
    await waitForValue(pageA, deadline, '2026-06-30')
    expect(await pageA.locator(title).inputValue()).toBe('Atelier commun de diagnostic')

    // …then her title reaches Bruno, and both cells hold on both screens.
    await pageA.locator(title).press('Enter')
    await waitForValue(pageB, title, 'Atelier commun de diagnostic')
    await waitForValue(pageB, deadline, '2026-06-30')
    await waitForValue(pageA, title, 'Atelier commun de diagnostic')
    await waitForValue(pageA, deadline, '2026-06-30')

    // A people cell: Claire ticks Bruno among those informed; Escape closes the list and gives the
    // focus back to the cell's button; focus leaving the list closes it too. Bruno sees the cell.
    const informed = pageA.locator(`[data-action-id="${actionId}"] button.people__button[data-field="informed"]`)
    const panel = pageA.locator(`[data-action-id="${actionId}"] .people__panel`)
    await informed.click()
    await panel.getByRole('checkbox', { name: 'Bruno Éditeur' }).check()
    await pageA.keyboard.press('Escape')
    await panel.waitFor({ state: 'detached', ...WAIT })
    await expect(informed.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await pageA.keyboard.press('Enter')
    await panel.getByRole('checkbox').last().focus()
    await pageA.keyboard.press('Tab')
    await panel.waitFor({ state: 'detached', ...WAIT })
    await pageB
      .locator(`[data-action-id="${actionId}"] button.people__button[data-field="informed"] .people__summary`, { hasText: 'Bruno Éditeur' })
      .waitFor(WAIT)

    await pageA.locator('[data-testid="presence"] .presence__name', { hasText: 'Bruno Éditeur' }).waitFor(WAIT)
    await shot(pageA, 'E2E1-plan-admin.png')
    await shot(pageB, 'E2E1-plan-editor.png')
  })
})
