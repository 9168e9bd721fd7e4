import { actionsOf } from '@ensemble/shared'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { appendBlocks, block, blockText, docApi, startPlan, waitForRows } from '../integration/history-flow.ts'

const WAIT = { timeout: 20_000 }
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, name) })

describe.skipIf(!browserTestsEnabled())('live history, version viewer, diff and action history in real browsers', () => {
  const suite = browserSuite()
  let workspaceId: string
  let admin: TestMember
  let claire: TestMember
  let malik: TestMember
  let editor: TestMember
  let pageA: Page
  let pageB: Page
  let writer: DocClient
  const historyOf = (page: Page) => page.getByRole('region', { name: 'Historique et versions' })
  const signoffOf = (page: Page) => page.getByRole('region', { name: 'Adoption par les partenaires' })

  beforeAll(async () => {
    const alliance = await createAlliance(suite.server.url, ['steering', 'steering', 'editor'])
    ;({ workspaceId, admin } = alliance)
    ;[claire, malik, editor] = alliance.members as [TestMember, TestMember, TestMember]
    writer = await connectDoc(admin.client, workspaceId, 'agreement')
    await writer.synced()
    appendBlocks(writer.doc, [block('heading', 'Article 1 — Objet'), block('paragraph', 'Les partenaires coopèrent pour les classes de mer.')])
    await waitForRows(admin.client, workspaceId, 'agreement', 1)
    ;[pageA, pageB] = await Promise.all([suite.newPage(), suite.newPage()])
    await signInThroughUi(pageA, suite.server.url, claire.email)
    await signInThroughUi(pageB, suite.server.url, malik.email)
    const agreement = `${suite.server.url}/alliances/${workspaceId}/accord`
    await Promise.all([pageA.goto(agreement), pageB.goto(agreement)])
    await Promise.all([pageA, pageB].map((p) => historyOf(p).locator('.history-sessions li', { hasText: 'Claire Admin' }).waitFor(WAIT)))
  })

  it('[HIST12] a second member’s edit and named version appear in the first member’s history panel without reloading, announced politely', async () => {
    // B types in the document: A's sessions list gains B's session once the typing settles.
    await pageB.locator('.ProseMirror[contenteditable="true"] p', { hasText: 'classes de mer' }).click()
    await pageB.keyboard.press('End')
    await pageB.keyboard.type(' Malik ajoute une phrase.')
    await historyOf(pageA).locator('.history-sessions li', { hasText: 'Membre 1 steering (Association Littoral)' }).waitFor(WAIT)

    // B names a version: it shows up in A's list and A's live region says so.
    await historyOf(pageB).getByLabel('Nom de la version', { exact: true }).fill('Projet v2 — envoyé aux partenaires')
    await historyOf(pageB).getByRole('button', { name: 'Nommer l’état actuel' }).click()
    await historyOf(pageA).locator('.history-versions li', { hasText: 'Projet v2 — envoyé aux partenaires' }).waitFor(WAIT)
    const live = historyOf(pageA).locator('.history-panel__live[role="status"][aria-live="polite"]')
    await expect.poll(() => live.textContent(), WAIT).toBe('Nouvelle version : « Projet v2 — envoyé aux partenaires ».')
    expect(pageA.url()).toMatch(/\/accord$/)
  })

  it('[HIST13] a version opens read-only in the document’s layout in a keyboard dialog; the comparison shows <ins>/<del> in the blocks; restoring asks first and adds a new edit on top', async () => {
    // A past session's state: named from its row of the list, it opens read-only, without what came after.
    await historyOf(pageA)
      .locator('.history-sessions li', { hasText: 'Claire Admin' })
      .getByRole('button', { name: /^Nommer l’état après cette session — Claire Admin, / })
      .click()
    const past = pageA.getByRole('dialog', { name: /^Version « Après la session de Claire Admin, .+ » \(lecture seule\)$/ })
    await past.getByTestId('version-content').locator('p', { hasText: 'Les partenaires coopèrent pour les classes de mer.' }).waitFor(WAIT)
    await expect(past.getByTestId('version-content').textContent()).resolves.not.toContain('Malik')
    await pageA.keyboard.press('Escape')
    await past.waitFor({ state: 'detached', ...WAIT })

    // Meanwhile the text moves on: a word replaced, a paragraph added.
    const text = blockText(writer.doc, 1)
    const at = text.toString().indexOf('classes de mer')
    writer.doc.transact(() => {
      text.delete(at, 'classes de mer'.length)
      text.insert(at, 'sorties nature')
    })
    appendBlocks(writer.doc, [block('paragraph', 'Article 2 — Durée de trois ans.')])
    await pageA.locator('.ProseMirror', { hasText: 'Article 2 — Durée' }).waitFor(WAIT)

    const viewButton = historyOf(pageA).getByRole('button', { name: 'Voir — Projet v2 — envoyé aux partenaires' })
    await viewButton.click()
    const dialog = pageA.getByRole('dialog', { name: 'Version « Projet v2 — envoyé aux partenaires » (lecture seule)' })
    await dialog.waitFor(WAIT)
    // The dialog's title has the focus; the version is the editor's own rendering, not editable.
    await expect(pageA.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H2')
    const content = dialog.getByTestId('version-content')
    await content.locator('h1', { hasText: 'Article 1 — Objet' }).waitFor(WAIT)
    await expect(content.getAttribute('contenteditable')).resolves.toBe('false')
    await expect(content.getAttribute('aria-readonly')).resolves.toBe('true')
    await shot(pageA, 'HIST13-version.png')
    await expect(content.locator('p').first().textContent()).resolves.toBe('Les partenaires coopèrent pour les classes de mer. Malik ajoute une phrase.')
    await expect(content.textContent()).resolves.not.toContain('Article 2')
    // Tab and Shift+Tab stay in the dialog; Escape closes it and gives the focus back.
    const inDialog = () => pageA.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))
    for (let i = 0; i < 6; i++) {
      await pageA.keyboard.press('Tab')
      await expect(inDialog()).resolves.toBe(true)
    }
    await pageA.keyboard.press('Shift+Tab')
    await expect(inDialog()).resolves.toBe(true)
    await pageA.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached', ...WAIT })
    await expect(viewButton.evaluate((el) => el === document.activeElement)).resolves.toBe(true)

    // Compare with the current state: the document's blocks, with inserted and deleted words marked.
    await historyOf(pageA).getByRole('button', { name: 'Comparer avec l’état actuel — Projet v2 — envoyé aux partenaires' }).click()
    const diff = pageA.getByRole('dialog', { name: 'Différences : Projet v2 — envoyé aux partenaires → État actuel' })
    const view = diff.locator('.diff-view__text')
    await view.waitFor(WAIT)
    await expect(view.locator('h1.diff-block--equal').textContent()).resolves.toBe('Article 1 — Objet')
    const changed = view.locator('p.diff-block--changed')
    await expect(changed.locator('del').textContent()).resolves.toBe('supprimé : classes de mer')
    await expect(changed.locator('ins').first().textContent()).resolves.toBe('inséré : sorties nature')
    await expect(changed.locator('del').first().getAttribute('title')).resolves.toBe('supprimé')
    await expect(view.locator('p.diff-block--inserted ins').textContent()).resolves.toBe('inséré : Article 2 — Durée de trois ans.')
    await shot(pageA, 'HIST13-diff.png')
    await expect(diff.getByRole('status').textContent()).resolves.toMatch(/inséré\(s\), \d+ passage\(s\) supprimé\(s\)/)
    // "Compare with…" back to reading the version.
    await diff.getByLabel('Comparer avec…').selectOption({ label: '— (lire cette version)' })
    await pageA.getByRole('dialog', { name: 'Version « Projet v2 — envoyé aux partenaires » (lecture seule)' }).getByTestId('version-content').waitFor(WAIT)

    // Restore: a confirmation first; cancelling changes nothing.
    const reader = pageA.getByRole('dialog')
    const restoreButton = reader.getByRole('button', { name: 'Restaurer cette version' })
    await restoreButton.click()
    await expect(pageA.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Confirmer la restauration')
    await reader.getByRole('button', { name: 'Annuler' }).click()
    await expect(restoreButton.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
    await expect(reader.getByRole('alertdialog').count()).resolves.toBe(0)
    await reader.getByRole('button', { name: 'Restaurer cette version' }).click()
    await reader.getByRole('button', { name: 'Confirmer la restauration' }).click()
    await reader.waitFor({ state: 'detached', ...WAIT })
    await expect
      .poll(() => historyOf(pageA).locator('.history-panel__notice').textContent(), WAIT)
      .toMatch(/^Version « Projet v2 — envoyé aux partenaires » restaurée/)
    // Every replica is back to the version; the other member's history shows the restore on top.
    await pageB.locator('.ProseMirror', { hasText: 'Article 2 — Durée' }).waitFor({ state: 'detached', ...WAIT })
    await pageB.locator('.ProseMirror', { hasText: 'pour les classes de mer. Malik ajoute une phrase.' }).waitFor(WAIT)
    await expect.poll(() => historyOf(pageB).locator('.history-sessions li').first().textContent(), WAIT).toMatch(/^Membre 0 steering \(Association Littoral\)/)
    const sessions = await admin.client.json<{ author: { id: string | null } }[]>('GET', docApi(workspaceId, 'agreement').history, undefined, 200)
    expect(sessions.at(-1)!.author.id).toBe(claire.userId)
  })

  it('[HIST13] an editor reads and compares versions but is offered no restore', async () => {
    const page = await suite.newPage()
    await signInThroughUi(page, suite.server.url, editor.email)
    await page.goto(`${suite.server.url}/alliances/${workspaceId}/accord`)
    await historyOf(page).getByRole('button', { name: 'Voir — Projet v2 — envoyé aux partenaires' }).click()
    const dialog = page.getByRole('dialog', { name: 'Version « Projet v2 — envoyé aux partenaires » (lecture seule)' })
    await dialog.getByTestId('version-content').locator('h1', { hasText: 'Article 1 — Objet' }).waitFor(WAIT)
    await expect(dialog.getByRole('button', { name: 'Restaurer cette version' }).count()).resolves.toBe(0)
    await dialog.getByRole('button', { name: 'Fermer' }).click()
    await dialog.waitFor({ state: 'detached', ...WAIT })
  })

  it('[HIST12] a proposal made by another member shows in the sign-off panel without reloading', async () => {
    await signoffOf(pageB).getByLabel('Nom de la version proposée').fill('Projet v3')
    await signoffOf(pageB).getByRole('button', { name: 'Proposer à l’adoption' }).click()
    await signoffOf(pageA).getByRole('heading', { name: 'Adoption « Projet v3 » — en cours' }).waitFor(WAIT)
    await expect.poll(() => signoffOf(pageA).getByRole('status').textContent(), WAIT).toBe('La procédure d’adoption a été mise à jour.')
  })

  it('[HIST14] an action’s deadline moved by one member appears, newest first and as a sentence, in the other member’s open action detail', async () => {
    const plan = await connectDoc(admin.client, workspaceId, 'plan')
    await plan.synced()
    startPlan(plan.doc, {
      title: 'Classes de mer',
      order: 'a0',
      status: 'planned',
      start: '2026-01-15',
      deadline: '2026-03-01',
      accountable: malik.userId,
      responsible: [malik.userId],
    })
    await waitForRows(admin.client, workspaceId, 'plan', 1)
    plan.destroy()

    await pageA.goto(`${suite.server.url}/alliances/${workspaceId}/plan`)
    const row = pageA.getByTestId('action-row').first()
    await row.locator('[data-tool="details"]').click()
    const history = pageA.locator('.action-history')
    await history.locator('summary', { hasText: 'Historique de l’action' }).click()
    await history.locator('li', { hasText: /^action créée par Claire Admin, / }).waitFor(WAIT)

    // Malik moves the deadline from his own replica.
    const malikPlan = await connectDoc(malik.client, workspaceId, 'plan')
    await malikPlan.synced()
    actionsOf(malikPlan.doc).get('a1')!.set('deadline', '2026-04-15')
    const newest = history.locator('li').first()
    await expect.poll(() => newest.textContent(), WAIT).toMatch(/^échéance déplacée du 1 mars au 15 avril par Membre 1 steering \(Association Littoral\), /)
    await expect(history.locator('li').count()).resolves.toBe(2)
    await shot(pageA, 'HIST14-action-history.png')
    await expect(history.locator('li').last().textContent()).resolves.toMatch(/^action créée/)
    malikPlan.destroy()
    writer.destroy()
  })
})
