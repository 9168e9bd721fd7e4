import type { OutboxMail, Partner } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/**
 * « Cartographie des acteurs » in Chromium, two members in two browser contexts (issue 20, items 4
 * and 5): steering maps two actors through the form, sees them on the influence × interest grid
 * (points with accessible names, reached with the keyboard) and in the table; the admin's page
 * shows them live, logs a contact, converts one into a partner and invites its representative:
 * the invitation is in the dev outbox; axe finds nothing.
 */
describe.skipIf(!browserTestsEnabled())('[MAP8] the map of actors in the browser', () => {
  const suite = browserSuite()

  it('[MAP8] [MAP2] [MAP4] [MAP7] steering maps two actors, the grid and the table show them, the admin converts one and the invitation is mailed; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['steering'])
    const [steering] = members as [(typeof members)[0]]

    const pilot = await suite.newPage()
    await signInThroughUi(pilot, base, steering.email)
    await pilot.goto(`${base}/alliances/${workspaceId}`)
    await pilot.getByRole('navigation').getByRole('link', { name: 'Cartographie des acteurs' }).click()
    await pilot.getByRole('heading', { level: 1, name: 'Cartographie des acteurs' }).waitFor(WAIT)

    const coordinator = await suite.newPage()
    await signInThroughUi(coordinator, base, admin.email)
    await coordinator.goto(`${base}/alliances/${workspaceId}/acteurs`)
    await coordinator.getByRole('heading', { level: 1, name: 'Cartographie des acteurs' }).waitFor(WAIT)

    // [MAP2] Steering maps two actors.
    const form = pilot.getByTestId('actor-form')
    const add = async (name: string, type: string, influence: string, interest: string) => {
      await form.getByTestId('actor-name').fill(name)
      await form.getByTestId('actor-type').selectOption(type)
      await form.getByTestId('actor-influence').selectOption(influence)
      await form.getByTestId('actor-interest').selectOption(interest)
      await form.getByRole('button', { name: 'Ajouter' }).click()
      await pilot.getByTestId('actors-table').getByRole('rowheader', { name }).waitFor(WAIT)
    }
    await add('Fondation du Littoral', 'fondation', '4', '5')
    await add('Commune de Port-Marin', 'collectivite_territoriale', '5', '2')

    // The grid names each point with its type, family and levels; the table says the same.
    const grid = pilot.getByTestId('actors-grid')
    const foundation = grid.getByRole('button', { name: /^Fondation du Littoral — Fondation \(Acteurs privés\), influence 4, intérêt 5/ })
    await foundation.waitFor(WAIT)
    await grid.getByRole('button', { name: /^Commune de Port-Marin — Collectivité territoriale \(Acteurs publics\), influence 5, intérêt 2/ }).waitFor(WAIT)
    // Keyboard: one point in the tab order; arrows move along the reading order (the commune is on the top row), Enter opens.
    await grid.locator('[tabindex="0"]').focus()
    await expect(pilot.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toMatch(/^Commune de Port-Marin/)
    await pilot.keyboard.press('ArrowRight')
    await expect(pilot.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toMatch(/^Fondation du Littoral/)
    await pilot.keyboard.press('Enter')
    await pilot.getByRole('heading', { name: 'Fiche : Fondation du Littoral' }).waitFor(WAIT)

    // The admin's page shows both live, in the grid and the table; the filter narrows both.
    const coordGrid = coordinator.getByTestId('actors-grid')
    await coordGrid.getByRole('button', { name: /^Fondation du Littoral/ }).waitFor(WAIT)
    await coordinator.getByTestId('actors-filter').fill('port-marin')
    await coordinator.getByTestId('actors-shown').getByText('1 acteur(s) sur 2').waitFor(WAIT)
    await expect(coordGrid.getByRole('button').count()).resolves.toBe(1)
    await coordinator.getByTestId('actors-filter').fill('')
    await coordinator.getByTestId('actors-table').getByRole('button', { name: 'Ouvrir Fondation du Littoral' }).click()
    const card = coordinator.getByTestId('actor-card')
    await card.getByRole('heading', { name: 'Fiche : Fondation du Littoral' }).waitFor(WAIT)

    // [MAP4] The admin logs a contact; steering's open card shows it live.
    const contact = card.getByTestId('contact-form')
    await contact.getByTestId('contact-who').fill('Claire')
    await contact.getByTestId('contact-whom').fill('La directrice')
    await contact.getByRole('button', { name: 'Consigner le contact' }).click()
    await pilot.getByTestId('actor-contacts').getByText('La directrice').waitFor(WAIT)

    // [MAP7] The admin converts it and invites its representative.
    const email = 'direction@fondation-littoral.example'
    await card.getByTestId('convert-email').fill(email)
    await card.getByTestId('convert-actor').click()
    await coordinator.getByText('Fondation du Littoral est devenu partenaire ; l’invitation est envoyée.').waitFor(WAIT)
    // Steering sees the actor converted live; its contact log stays on the card.
    await pilot
      .getByTestId('actors-table')
      .getByRole('row', { name: /Fondation du Littoral/ })
      .getByText('Devenu partenaire')
      .waitFor(WAIT)
    await pilot.getByTestId('actor-contacts').getByText('La directrice').waitFor(WAIT)

    const partners = await admin.client.json<Partner[]>('GET', `/api/workspaces/${workspaceId}/partners`, undefined, 200)
    expect(partners.map((p) => p.name)).toContain('Fondation du Littoral')
    await waitFor(
      async () =>
        (await admin.client.json<OutboxMail[]>('GET', '/api/dev/outbox', undefined, 200)).some((m) => m.to === email && m.text.includes('/invitation/')),
      { message: 'the invitation is in the outbox', ...WAIT },
    )

    expect(await axeViolations(pilot)).toEqual([])
    expect(await axeViolations(coordinator)).toEqual([])
  })
})
