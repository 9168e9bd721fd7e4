import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { startPlan, waitForRows } from '../integration/history-flow.ts'

const WAIT = { timeout: 20_000 }

/**
 * The client's one table component and one form helper (issue 24 §4), on the members page: the
 * tables are named and their headers scoped, and the invitation form's checks and the server's
 * refusal naming a field are both said beside that field.
 */
describe.skipIf(!browserTestsEnabled())('[UI1] [UI2] the members page’s tables and invitation form', () => {
  const suite = browserSuite()

  it('[UI1] the partners and members tables are named by a caption, with column headers and one row header per record; [UI2] the invitation form says beside the address, in French, what the schema and then the server refuse', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['editor'])
    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    await page.goto(`${base}/alliances/${workspaceId}/membres`)
    await page.getByRole('heading', { name: 'Partenaires & membres' }).waitFor(WAIT)

    // UI1: each table has its name, its column headers and its row headers (the record's name).
    const memberTable = page.getByRole('table', { name: 'Membres' })
    await memberTable.waitFor(WAIT)
    const headers = await memberTable.getByRole('columnheader').allInnerTexts()
    expect(headers.slice(0, 5).map((h) => h.trim())).toEqual(['Nom', 'Adresse e-mail', 'Rôle', 'Partenaire', 'Représentant·e'])
    await expect(memberTable.locator('thead th[scope="col"]').count()).resolves.toBe(headers.length)
    const editor = { ...members[0]!, name: 'Membre 0 editor' }
    const row = memberTable.locator(`tr[data-member="${editor.email}"]`)
    await expect(row.getByRole('rowheader').textContent()).resolves.toContain(editor.name)
    await expect(row.getByRole('combobox', { name: `Rôle de ${editor.name}` }).isVisible()).resolves.toBe(true)
    const partnerTable = page.getByRole('table', { name: 'Partenaires' })
    await expect(partnerTable.getByRole('rowheader').count()).resolves.toBeGreaterThan(0)
    await expect(partnerTable.locator('tbody tr').count()).resolves.toBe(await partnerTable.getByRole('rowheader').count())

    // UI2: an address the shared schema refuses is said beside the field, and nothing is sent.
    const form = page.getByRole('form', { name: 'Ajouter un membre' })
    const address = form.getByLabel('Adresse e-mail')
    let invitations = 0
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/api/workspaces/${workspaceId}/members`)) invitations++
    })
    await address.fill('pas-une-adresse')
    await form.getByRole('button', { name: 'Ajouter' }).click()
    await form.getByText('Adresse e-mail invalide.').waitFor(WAIT)
    await expect(address.getAttribute('aria-invalid')).resolves.toBe('true')
    expect(invitations).toBe(0)

    // The server's refusal names the field (already a member, FR1's sentence): it shows beside the address too, never in English.
    await address.fill(editor.email)
    await form.getByRole('button', { name: 'Ajouter' }).click()
    await form.locator('.field--invalid .field__error').filter({ hasText: 'Cette personne fait déjà partie de l’alliance.' }).waitFor(WAIT)
    expect(invitations).toBe(1)
    const describedBy = (await address.getAttribute('aria-describedby')) ?? ''
    await expect(page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).resolves.toBe('Cette personne fait déjà partie de l’alliance.')
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: /already a member/ })
        .count(),
    ).resolves.toBe(0)

    expect(await axeViolations(page)).toEqual([])
  })

  it('[UI1] an action’s milestones and resources are tables named after the action; [UI2] their forms check with the shared schema, say it beside the field and write a valid line', async () => {
    const base = suite.server.url
    const { workspaceId, admin } = await createAlliance(base)
    const plan = await connectDoc(admin.client, workspaceId, 'plan')
    await plan.synced()
    startPlan(plan.doc, {
      title: 'Classes de mer',
      order: 'a0',
      status: 'planned',
      start: '2026-01-15',
      deadline: '2026-03-01',
      accountable: admin.userId,
      responsible: [admin.userId],
    })
    await waitForRows(admin.client, workspaceId, 'plan', 1)
    plan.destroy()
    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    await page.goto(`${base}/alliances/${workspaceId}/plan`)
    await page.getByTestId('action-row').first().locator('[data-tool="details"]').click()

    // A milestone without its title or date is refused beside each field; a valid one is a row.
    const milestoneForm = page.locator('form', { has: page.getByRole('button', { name: 'Ajouter le jalon' }) })
    await milestoneForm.getByRole('button', { name: 'Ajouter le jalon' }).click()
    await expect(milestoneForm.locator('.field__error').count()).resolves.toBe(2)
    await expect(milestoneForm.getByLabel('Intitulé du jalon').getAttribute('aria-invalid')).resolves.toBe('true')
    await milestoneForm.getByLabel('Intitulé du jalon').fill('Réservation du car')
    await milestoneForm.getByLabel('Date').fill('2026-02-01')
    await milestoneForm.getByRole('button', { name: 'Ajouter le jalon' }).click()
    const milestones = page.getByRole('table', { name: 'Jalons — Classes de mer' })
    await milestones.locator('tbody tr').first().waitFor(WAIT)
    await expect(milestones.locator('thead th[scope="col"]').count()).resolves.toBeGreaterThanOrEqual(3)
    await expect(milestoneForm.locator('.field__error').count()).resolves.toBe(0)
    await expect(milestoneForm.getByLabel('Intitulé du jalon').inputValue()).resolves.toBe('')

    // A resource without an amount: the number's own sentence; with one, a row of its table.
    const resourceForm = page.locator('form', { has: page.getByRole('button', { name: 'Ajouter la ressource' }) })
    await resourceForm.getByLabel('Libellé').fill('Location du car')
    await resourceForm.getByRole('button', { name: 'Ajouter la ressource' }).click()
    await resourceForm.getByText('Un nombre positif est attendu.').waitFor(WAIT)
    await resourceForm.getByLabel('Montant').fill('1200')
    await resourceForm.getByRole('button', { name: 'Ajouter la ressource' }).click()
    const resources = page.getByRole('table', { name: 'Ressources — Classes de mer' })
    await resources.locator('tbody tr').first().waitFor(WAIT)
    await expect(resources.locator('tbody tr').count()).resolves.toBe(1)
    expect(await axeViolations(page)).toEqual([])
  })
})
