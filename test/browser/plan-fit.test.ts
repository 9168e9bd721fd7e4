import { actionsOf, buildAction, planMetaOf } from '@ensemble/shared'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/** Nothing is wider than the window: the page never scrolls sideways (PLANUI1). */
const fitsWindow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

/**
 * The plan table in daily use (issue 19, §4): it fits a laptop and a phone, its title column stays
 * in view, each person chooses its columns, the menu folds on a phone, a cell being edited by
 * someone else shows who, and « Bloquée » asks its reason in the page. One server, one browser.
 */
describe.skipIf(!browserTestsEnabled())('[PLANUI] the plan table fits the screen and shows who is where', () => {
  const suite = browserSuite()
  let planUrl = ''
  let admin: TestMember
  let steering: TestMember
  let seeder: Awaited<ReturnType<typeof connectDoc>>
  let a: Page
  const row = (page: Page, id: string) => page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)

  it('[PLANUI1] [PLANUI2] at 1366×768 nothing overflows the window and the title column stays in view; axe clean', async () => {
    const base = suite.server.url
    const alliance = await createAlliance(base, ['steering'])
    admin = alliance.admin
    steering = alliance.members[0]!
    seeder = await connectDoc(admin.client, alliance.workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('start', '2026-01-01')
      planMetaOf(seeder.doc).set('end', '2028-12-31')
      const actions = actionsOf(seeder.doc)
      const planned = { status: 'planned' as const, start: '2026-03-01', deadline: '2026-09-30', accountable: steering.userId, responsible: [steering.userId] }
      actions.set('a1', buildAction({ title: 'Baliser le sentier', order: 'a0', ...planned }))
      actions.set('a2', buildAction({ title: 'Former les animateurs', order: 'a1', ...planned }))
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'plan stored' })

    a = await suite.newPage()
    await a.setViewportSize({ width: 1366, height: 768 })
    await signInThroughUi(a, base, admin.email)
    planUrl = `${base}/alliances/${alliance.workspaceId}/plan`
    await a.goto(planUrl)
    await row(a, 'a1').waitFor(WAIT)
    expect(seeder.errors).toEqual([])
    expect(await fitsWindow(a)).toBe(true)

    // Scrolled sideways inside its region, the table keeps each action's title at the region's left edge.
    const region = a.locator('.table-scroll')
    const scrolled = await region.evaluate((el) => {
      el.scrollLeft = 600
      return el.scrollLeft
    })
    expect(scrolled).toBeGreaterThan(0)
    const regionBox = (await region.boundingBox())!
    const titleBox = (await row(a, 'a1').getByTestId('action-title').boundingBox())!
    expect(titleBox.x).toBeGreaterThanOrEqual(regionBox.x)
    expect(titleBox.x).toBeLessThan(regionBox.x + 20)
    // The title is what is painted there, not a cell scrolled beneath it.
    const onTop = await a.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-field]')?.getAttribute('data-field'), {
      x: titleBox.x + 20,
      y: titleBox.y + titleBox.height / 2,
    })
    expect(onTop).toBe('title')
    expect(await fitsWindow(a)).toBe(true)
    expect(await axeViolations(a)).toEqual([])
  })

  it('[PLANUI3] the column chooser hides and shows a column, remembered on the device; the hidden field is edited in the detail', async () => {
    const deadlineHeader = a.getByRole('columnheader', { name: 'Échéance' })
    await deadlineHeader.waitFor(WAIT)
    await a.getByTestId('column-chooser').locator('summary').click()
    const deadlineBox = a.getByRole('checkbox', { name: 'Échéance' })
    await deadlineBox.uncheck()
    await deadlineHeader.waitFor({ state: 'detached', ...WAIT })
    await expect(row(a, 'a1').getByTestId('action-deadline').count()).resolves.toBe(0)

    // Remembered for this person on this device.
    await a.reload()
    await row(a, 'a1').waitFor(WAIT)
    await expect(deadlineHeader.count()).resolves.toBe(0)

    // The hidden column's field is in the action's detail, and edits the same field.
    await row(a, 'a1').locator('[data-tool="details"]').click()
    const moved = a.getByTestId('action-detail-moved').getByTestId('action-deadline')
    await moved.fill('2026-10-15')
    await moved.press('Enter')
    await waitFor(() => actionsOf(seeder.doc).get('a1')?.get('deadline') === '2026-10-15', { message: 'deadline stored from the detail' })
    await row(a, 'a1').locator('[data-tool="details"]').click()

    await a.getByTestId('column-chooser').locator('summary').click()
    await a.getByRole('checkbox', { name: 'Échéance' }).check()
    await deadlineHeader.waitFor(WAIT)
    await expect(row(a, 'a1').getByTestId('action-deadline').inputValue()).resolves.toBe('2026-10-15')
    await a.getByTestId('column-chooser').locator('summary').click()
  })

  it('[PLANUI1] [PLANUI4] at 390×844 nothing overflows and the menu folds behind a button, opened and closed by keyboard; axe clean', async () => {
    await a.setViewportSize({ width: 390, height: 844 })
    await row(a, 'a1').waitFor(WAIT)
    await waitFor(() => fitsWindow(a), { message: 'fits the phone' }).catch(() => undefined)
    expect(await fitsWindow(a)).toBe(true)

    const toggle = a.getByRole('button', { name: 'Menu' })
    const planLink = a.getByRole('navigation', { name: 'Navigation de l’alliance' }).getByRole('link', { name: 'Plan d’action' })
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(planLink.isVisible()).resolves.toBe(false)
    await a.screenshot({ path: path.join(ARTIFACTS_DIR, 'plan-fit-phone.png') })
    await toggle.focus()
    await a.keyboard.press('Enter')
    await planLink.waitFor({ state: 'visible', ...WAIT })
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true')
    expect(await fitsWindow(a)).toBe(true)
    expect(await axeViolations(a)).toEqual([])
    // Escape from inside the menu closes it and puts focus back on its button.
    await planLink.focus()
    await a.keyboard.press('Escape')
    await planLink.waitFor({ state: 'hidden', ...WAIT })
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false')
    await expect(toggle.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    expect(await axeViolations(a)).toEqual([])
    await a.setViewportSize({ width: 1366, height: 768 })
  })

  it('[PLANUI5] B focuses a deadline cell: A sees B’s name on that cell, announced once, gone when B leaves it', async () => {
    const b = await suite.newPage()
    await signInThroughUi(b, suite.server.url, steering.email)
    await b.goto(planUrl)
    const bDeadline = row(b, 'a2').getByTestId('action-deadline')
    await bDeadline.waitFor(WAIT)
    await bDeadline.focus()

    const label = row(a, 'a2').locator('.action-row__deadline').getByTestId('cell-editors')
    await label.waitFor(WAIT)
    await expect(label.textContent()).resolves.toBe('Membre 0 steering modifie')
    // Outline and label in B's colour (the server's, from B's identity).
    const outline = await row(a, 'a2')
      .getByTestId('action-deadline')
      .evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).toBe('solid')
    await expect(a.getByTestId('field-presence-announcer').textContent()).resolves.toBe('Membre 0 steering modifie Échéance — Former les animateurs.')
    // Only this cell.
    await expect(a.getByTestId('cell-editors').count()).resolves.toBe(1)
    await row(a, 'a2').getByTestId('action-deadline').scrollIntoViewIfNeeded()
    await a.screenshot({ path: path.join(ARTIFACTS_DIR, 'plan-fit-presence.png') })

    await bDeadline.blur()
    await label.waitFor({ state: 'detached', ...WAIT })
    await expect(a.getByTestId('field-presence-announcer').textContent()).resolves.toBe('Membre 0 steering ne modifie plus Échéance — Former les animateurs.')
    await b.context().close()
  })

  it('[PLANUI6] « Bloquée » asks its reason in the page: Escape leaves the action as it was, the reason given is saved with the status', async () => {
    const status = row(a, 'a2').getByTestId('action-status')
    await status.selectOption('blocked')
    const dialog = a.getByRole('dialog', { name: 'Bloquer l’action « Former les animateurs »' })
    await dialog.waitFor(WAIT)
    await a.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', ...WAIT })
    await expect(status.inputValue()).resolves.toBe('planned')
    expect(actionsOf(seeder.doc).get('a2')?.get('status')).toBe('planned')

    await status.selectOption('blocked')
    await dialog.waitFor(WAIT)
    // No reason, no block.
    await dialog.getByRole('button', { name: 'Bloquer l’action' }).click()
    await dialog.getByRole('alert').waitFor(WAIT)
    expect(actionsOf(seeder.doc).get('a2')?.get('status')).toBe('planned')
    await dialog.getByLabel('Pourquoi l’action « Former les animateurs » est-elle bloquée ? (obligatoire)').fill('La salle n’est pas disponible.')
    expect(await axeViolations(a)).toEqual([])
    await dialog.getByRole('button', { name: 'Bloquer l’action' }).click()
    await dialog.waitFor({ state: 'detached', ...WAIT })
    await waitFor(() => actionsOf(seeder.doc).get('a2')?.get('status') === 'blocked', { message: 'blocked stored' })
    expect(actionsOf(seeder.doc).get('a2')?.get('blockedReason')).toBe('La salle n’est pas disponible.')
    await expect(status.inputValue()).resolves.toBe('blocked')
    expect(seeder.errors).toEqual([])
    seeder.destroy()
  })
})
