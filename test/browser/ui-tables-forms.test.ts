import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'

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
    await expect(row.getByRole('rowheader').innerText()).resolves.toContain(editor.name)
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

    // The server's refusal names the field (already a member): it shows beside the address too.
    await address.fill(editor.email)
    await form.getByRole('button', { name: 'Ajouter' }).click()
    await form.locator('.field--invalid .field__error').filter({ hasText: /already a member|déjà membre/ }).waitFor(WAIT)
    expect(invitations).toBe(1)
    const describedBy = (await address.getAttribute('aria-describedby')) ?? ''
    await expect(page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText()).resolves.toMatch(/already a member|déjà membre/)
    await expect(page.getByRole('alert').filter({ hasText: /already a member/ }).count()).resolves.toBe(0)

    expect(await axeViolations(page)).toEqual([])
  })
})
