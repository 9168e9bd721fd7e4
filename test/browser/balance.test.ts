import { actionsOf, buildAction, planMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }
/** Any run of spaces (French numbers use narrow no-break spaces) as one plain space. */
const plain = (text: string | null) => (text ?? '').replace(/\s+/g, ' ')

/**
 * « Équilibre entre partenaires » in Chromium, two members in two browser contexts (issue 18,
 * item 5): the partner's editor declares an actual, steering sees it live and validates it, the
 * editor sees the validation; the imbalance flag goes away live; steering freezes the period, and a
 * new declaration there is refused in French beside the field, nothing sent; axe finds nothing.
 */
describe.skipIf(!browserTestsEnabled())('[BAL11] the partners’ balance in the browser', () => {
  const suite = browserSuite()

  it('[BAL11] [BAL4] [BAL6] [BAL7] [BAL9] a partner declares, steering validates and freezes, the other page follows live; a declaration on the frozen period is refused in French; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, partnerId, admin, members } = await createAlliance(base, ['steering', 'editor'])
    const [steering, editor] = members as [(typeof members)[0], (typeof members)[0]]
    // The plan over this year and the next; the partner brings 20 days of work (6,000 €) to an action of this year.
    const year = new Date().getUTCFullYear()
    const seeder = await connectDoc(admin.client, workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('start', `${year}-01-01`)
      planMetaOf(seeder.doc).set('end', `${year + 1}-12-31`)
      actionsOf(seeder.doc).set(
        'a1',
        buildAction({
          title: 'Classes de mer',
          order: 'a0',
          status: 'in_progress',
          start: `${year}-01-01`,
          deadline: `${year}-12-31`,
          accountable: steering.userId,
          responsible: [editor.userId],
          resources: { r1: { label: 'Animation', amount: 20, unit: 'jours_homme', partnerId } },
        }),
      )
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'plan stored' })

    const pilot = await suite.newPage()
    await signInThroughUi(pilot, base, steering.email)
    await pilot.goto(`${base}/alliances/${workspaceId}`)
    await pilot.getByRole('navigation').getByRole('link', { name: 'Équilibre entre partenaires' }).click()
    await pilot.getByRole('heading', { level: 1, name: 'Équilibre entre partenaires' }).waitFor(WAIT)
    // [BAL9] Nothing declared yet against what is due this year: the partner is flagged, in words.
    const flag = pilot.getByTestId('imbalance').filter({ hasText: 'Association Littoral' })
    await flag.waitFor(WAIT)
    await expect(flag.textContent()).resolves.toContain('Déséquilibre')

    const member = await suite.newPage()
    await signInThroughUi(member, base, editor.email)
    await member.goto(`${base}/alliances/${workspaceId}/equilibre`)
    await member.getByRole('heading', { level: 1, name: 'Équilibre entre partenaires' }).waitFor(WAIT)
    // An editor neither validates, freezes nor changes the settings.
    await expect(member.getByTestId('freeze-period').count()).resolves.toBe(0)
    await expect(member.getByTestId('balance-settings').count()).resolves.toBe(0)

    // [BAL4] The partner's editor declares 20 days of work for this year.
    const form = member.getByTestId('actual-form')
    await form.getByLabel('Période').selectOption(String(year))
    await form.getByLabel('Montant').fill('20')
    await form.getByLabel('Unité').selectOption('jours_homme')
    await form.getByLabel('Commentaire').fill('Animations de l’année')
    await form.getByTestId('declare').click()
    await member.getByText('Réalisation déclarée.').waitFor(WAIT)

    // Steering's page shows it without reload, to validate; the imbalance is gone.
    const row = pilot.getByTestId('actuals').getByRole('row').filter({ hasText: 'Animations de l’année' })
    await row.getByText('À valider').waitFor(WAIT)
    await pilot.getByTestId('imbalances').getByText('Aucun déséquilibre').waitFor(WAIT)
    // [BAL6] Steering validates: the editor's page shows it validated, and the validated euros, live.
    await row.getByRole('button', { name: `Valider la réalisation de Association Littoral (${year}, 20 jours-homme)` }).click()
    const memberRow = member.getByTestId('actuals').getByRole('row').filter({ hasText: 'Animations de l’année' })
    await memberRow.getByText('Validée').waitFor(WAIT)
    const sheetRow = member.locator(`[data-testid="balance-sheet"] tr[data-partner="${partnerId}"][data-period="${year}"]`)
    await waitFor(async () => plain(await sheetRow.getByTestId('validated').textContent()) === '6 000 €', { message: 'validated euros', ...WAIT })

    // [BAL7] Steering freezes the year; the editor's form says so, and a new declaration there is refused in French.
    await pilot.getByRole('button', { name: `Geler la période ${year}` }).click()
    await form.getByRole('option', { name: `${year} (gelée)` }).waitFor({ state: 'attached', ...WAIT })
    await form.getByLabel('Période').selectOption(String(year))
    await form.getByLabel('Montant').fill('3')
    await form.getByTestId('declare').click()
    await form.getByText('Cette période est gelée : seule une rectification d’une réalisation existante peut encore la modifier.').waitFor(WAIT)
    await expect(form.getByLabel('Période').getAttribute('aria-invalid')).resolves.toBe('true')
    // Nothing was written: one actual on both pages, no error toast.
    await expect(member.getByTestId('actuals').locator('tbody tr').count()).resolves.toBe(1)
    await expect(pilot.getByTestId('actuals').locator('tbody tr').count()).resolves.toBe(1)
    await expect(member.getByRole('alert').count()).resolves.toBe(0)

    expect(await axeViolations(pilot)).toEqual([])
    expect(await axeViolations(member)).toEqual([])
    seeder.destroy()
  })
})
