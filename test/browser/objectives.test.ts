import { actionsOf, buildAction, planMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/**
 * « Objectifs et indicateurs » in Chromium, two members in two browser contexts (issue 18): steering
 * writes a SMART operational objective with an indicator and validates it; the partner's editor
 * sees it live and enters a value; steering's page shows the value without reload; axe finds nothing.
 */
describe.skipIf(!browserTestsEnabled())('[OBJ5] [PERM12] [OBJ10] objectives and indicators in the browser', () => {
  const suite = browserSuite()

  it('[OBJ5] [IND4] [PERM12] steering creates a SMART objective with an indicator; a partner member enters a value; the other page sees it live; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['steering', 'editor'])
    const [steering, editor] = members as [(typeof members)[0], (typeof members)[0]]
    // The plan's period, set as the plan page would.
    const seeder = await connectDoc(admin.client, workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('start', '2026-01-01')
      planMetaOf(seeder.doc).set('end', '2028-12-31')
      // Two actions naming their objective in free text, as written before objectives could be picked (OBJ10).
      actionsOf(seeder.doc).set('a1', buildAction({ title: 'Sorties scolaires', order: 'a0', objective: 'classes de MER' }))
      actionsOf(seeder.doc).set('a2', buildAction({ title: 'Comité de pilotage', order: 'a1', objective: 'Pilotage de l’alliance' }))
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'period stored' })

    const pilot = await suite.newPage()
    await signInThroughUi(pilot, base, steering.email)
    await pilot.goto(`${base}/alliances/${workspaceId}`)
    await pilot.getByRole('navigation').getByRole('link', { name: 'Objectifs et indicateurs' }).click()
    await pilot.getByRole('heading', { level: 1, name: 'Objectifs et indicateurs' }).waitFor(WAIT)
    // [OBJ10] Pointing to no objective, both actions' texts are kept visible, to attach.
    await pilot.getByTestId('actions-to-attach').getByText('Sorties scolaires').waitFor(WAIT)

    const member = await suite.newPage()
    await signInThroughUi(member, base, editor.email)
    await member.goto(`${base}/alliances/${workspaceId}/objectifs`)
    await member.getByRole('heading', { level: 1, name: 'Objectifs et indicateurs' }).waitFor(WAIT)
    // An editor defines nothing: no button to add an objective.
    await expect(member.getByTestId('add-strategic').count()).resolves.toBe(0)

    // Steering: a strategic objective, an operational one under it.
    await pilot.getByTestId('add-strategic').click()
    const strategic = pilot.locator('[data-testid^="strategic-"]').filter({ has: pilot.getByTestId('strategic-title') })
    await strategic.getByTestId('strategic-title').fill('Un littoral partagé')
    await strategic.getByTestId('strategic-title').press('Enter')
    await pilot.getByRole('heading', { level: 3, name: 'Un littoral partagé' }).waitFor(WAIT)
    await pilot.locator('[data-testid^="add-operational-"]').click()
    const objective = pilot.locator('[data-testid^="operational-"]')
    await objective.waitFor(WAIT)
    // Nothing filled yet: every letter but R (it is under its strategic objective) is missing.
    await expect(objective.getByRole('status').first().textContent()).resolves.toContain('Il manque : S, M, A, T')

    await objective.getByTestId('objective-title').fill('Classes de mer')
    await objective.getByTestId('objective-title').press('Enter')
    // [OBJ10] Actions are listed by the objective they point to: a title matching their text attaches
    // nothing (that match is the one-off migration's, OBJ9), both stay to attach until one is picked.
    await objective.getByRole('heading', { level: 4, name: 'Classes de mer' }).waitFor(WAIT)
    await expect(objective.getByText('Aucune action du plan ne sert cet objectif.').count()).resolves.toBe(1)
    await expect(pilot.getByTestId('actions-to-attach').textContent()).resolves.toContain('Sorties scolaires')
    await objective.getByTestId('objective-statement').fill('Accueillir 40 classes de mer par an')
    await objective.getByTestId('objective-statement').blur()
    await objective.getByTestId('objective-resources').fill('Deux animateurs et un car')
    await objective.getByTestId('objective-resources').blur()
    // A target date outside the plan period is refused beside the field (OBJ4), before anything is sent.
    await objective.getByTestId('objective-target-date').fill('2030-06-30')
    await objective.getByTestId('objective-target-date').press('Enter')
    await objective.getByText('La date cible doit être dans la période du plan.').waitFor(WAIT)
    await objective.getByTestId('objective-target-date').fill('2027-06-30')
    await objective.getByTestId('objective-target-date').press('Enter')
    await objective.getByTestId('objective-partners').getByLabel('Association Littoral').check()
    await expect(objective.getByRole('status').first().textContent()).resolves.toContain('Il manque : M')

    await objective.getByTestId('add-indicator').click()
    const indicator = objective.locator('[data-testid^="indicator-"]').filter({ has: pilot.getByTestId('indicator-name') })
    await indicator.getByTestId('indicator-name').fill('Classes accueillies')
    await indicator.getByTestId('indicator-name').press('Enter')
    await indicator.getByTestId('indicator-unit').fill('classes')
    await indicator.getByTestId('indicator-unit').press('Enter')
    await indicator.getByTestId('indicator-baseline').fill('10')
    await indicator.getByTestId('indicator-baseline').press('Enter')
    await indicator.getByTestId('indicator-target').fill('40')
    await indicator.getByTestId('indicator-target').press('Enter')
    await objective.getByRole('status').first().getByText('Objectif SMART : toutes les lettres sont présentes.').waitFor(WAIT)
    await objective.getByTestId('validate-objective').click()
    await objective.getByTestId('objective-status').getByText('Validé').waitFor(WAIT)

    // The partner's editor sees it validated, live, and enters a value.
    const seen = member.locator('[data-testid^="operational-"]')
    await seen.getByTestId('objective-status').getByText('Validé').waitFor(WAIT)
    await seen.getByRole('heading', { name: 'Classes accueillies' }).waitFor(WAIT)
    const form = seen.getByTestId('value-form')
    await form.getByLabel('Valeur (classes)').fill('texte')
    await form.getByTestId('save-value').click()
    await form.getByText('La valeur doit être un nombre.').waitFor(WAIT)
    await form.getByLabel('Valeur (classes)').fill('12,5')
    await form.getByTestId('value-date').fill('2026-03-31')
    await form.getByTestId('value-comment').fill('Premier trimestre')
    await form.getByTestId('save-value').click()
    await form.getByText('Valeur enregistrée.').waitFor(WAIT)

    // Steering's page shows it without reload, with who entered it.
    const values = objective.getByTestId('indicator-values')
    await values.getByRole('cell', { name: 'Premier trimestre' }).waitFor(WAIT)
    await expect(values.getByRole('row').nth(1).textContent()).resolves.toContain('12,5')
    await expect(values.getByRole('row').nth(1).textContent()).resolves.toContain('Membre 1 editor')
    // Steering belongs to the same partner and may enter values too; no error toast on either page.
    await expect(pilot.getByRole('alert').count()).resolves.toBe(0)
    await expect(member.getByRole('alert').count()).resolves.toBe(0)

    expect(await axeViolations(pilot)).toEqual([])
    expect(await axeViolations(member)).toEqual([])
    seeder.destroy()
  })
})
