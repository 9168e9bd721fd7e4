import { actionsOf, buildAction, buildObjective, objectivesOf, planMetaOf } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance, type TestMember } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { addMember } from '../helpers/invitations.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/** Polls `read` until it gives `expected` (the page renders after the select's change), then asserts it. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  let last: T | undefined
  await waitFor(
    async () => {
      last = await read()
      return JSON.stringify(last) === JSON.stringify(expected)
    },
    { message: `${JSON.stringify(expected)}` },
  ).catch(() => undefined)
  expect(last).toEqual(expected)
}

const operational = (title: string, parentId: string, order: string) =>
  buildObjective({ kind: 'operational', title, statement: '', parentId, partnerIds: [], targetDate: null, resources: '', status: 'draft', order })

/**
 * Actions serve objectives in Chromium (issue 18, item 2): steering picks an action's objective in
 * the plan (a select grouped by strategic objective, in the row and in the detail), the old free
 * text shown « objectif à rattacher » until then; the objectives page lists the action under it;
 * the plan is filtered and grouped by objective and by partner, the view kept in the address; axe
 * finds nothing on either page.
 */
describe.skipIf(!browserTestsEnabled())('[OBJ10] [OBJ11] actions serve objectives in the browser', () => {
  const suite = browserSuite()

  it('[OBJ10] [OBJ11] pick an objective, see the action under it; filter and group the plan by objective and by partner; axe clean', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['steering'])
    const [steering] = members as [TestMember]
    const { id: portMarin } = await admin.client.json<{ id: string }>(
      'POST',
      `/api/workspaces/${workspaceId}/partners`,
      { name: 'Commune de Port-Marin', type: 'collectivite_territoriale' },
      201,
    )
    const agent = await signUp(base, 'Agent communal')
    await addMember(admin.client, workspaceId, agent, { role: 'editor', partnerId: portMarin })

    const seeder = await connectDoc(admin.client, workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('start', '2026-01-01')
      planMetaOf(seeder.doc).set('end', '2028-12-31')
      const objectives = objectivesOf(seeder.doc)
      objectives.set('s1', buildObjective({ kind: 'strategic', title: 'Un littoral partagé', horizon: 4, vision: '', order: 'a0' }))
      objectives.set('s2', buildObjective({ kind: 'strategic', title: 'Une filière durable', horizon: 5, vision: '', order: 'a1' }))
      objectives.set('o1', operational('Classes de mer', 's1', 'a2'))
      objectives.set('o2', operational('Sentiers balisés', 's1', 'a3'))
      objectives.set('o3', operational('Pêche responsable', 's2', 'a4'))
      const actions = actionsOf(seeder.doc)
      // A proposal whose objective was written freely, before it could be picked.
      actions.set('a1', buildAction({ title: 'Sorties scolaires', order: 'a0', objective: 'Faire venir les écoles' }))
      const planned = { status: 'planned' as const, start: '2026-03-01', deadline: '2026-09-30' }
      // Carried by both partners: the association's steering member (A) and the commune's agent (R).
      actions.set(
        'a2',
        buildAction({ title: 'Baliser le sentier', order: 'a1', ...planned, accountable: steering.userId, responsible: [agent.userId], objectiveId: 'o2' }),
      )
      actions.set('a3', buildAction({ title: 'Former les animateurs', order: 'a2', ...planned, accountable: steering.userId, responsible: [steering.userId] }))
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0, { message: 'plan stored' })

    const page = await suite.newPage()
    await signInThroughUi(page, base, steering.email)
    const planUrl = `${base}/alliances/${workspaceId}/plan`
    await page.goto(planUrl)
    const row = (id: string) => page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
    await row('a1').waitFor(WAIT)

    // The free text is kept in sight until an objective is picked.
    await expect(row('a1').getByTestId('objective-to-attach').textContent()).resolves.toBe('objectif à rattacher : Faire venir les écoles')
    // The picker: a labelled native select, its options grouped by strategic objective.
    const picker = row('a1').getByRole('combobox', { name: 'Objectif — Sorties scolaires' })
    await expect(picker.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.getAttribute('label')))).resolves.toEqual([
      'Un littoral partagé',
      'Une filière durable',
    ])
    await expect(picker.locator('optgroup[label="Un littoral partagé"] option').allTextContents()).resolves.toEqual(['Classes de mer', 'Sentiers balisés'])
    await picker.selectOption({ label: 'Classes de mer' })
    // Picked: the old text goes with the same edit.
    await row('a1')
      .getByTestId('objective-to-attach')
      .waitFor({ state: 'detached', ...WAIT })
    await waitFor(() => actionsOf(seeder.doc).get('a1')?.get('objectiveId') === 'o1', { message: 'link stored' })
    expect(actionsOf(seeder.doc).get('a1')?.get('objective')).toBe('')

    // In the action's detail too, with the keyboard: focus the select, move to the next option.
    await row('a3').locator('[data-tool="details"]').click()
    const detail = page.getByTestId('action-detail-objective')
    await detail.focus()
    await detail.selectOption({ label: 'Classes de mer' })
    await waitFor(() => actionsOf(seeder.doc).get('a3')?.get('objectiveId') === 'o1', { message: 'detail link stored' })
    expect(seeder.errors).toEqual([])
    await row('a3').locator('[data-tool="details"]').click()

    // The objectives page lists both actions under « Classes de mer », nothing left to attach.
    await page.goto(`${base}/alliances/${workspaceId}/objectifs`)
    const card = page.getByTestId('operational-o1')
    await card.getByRole('link', { name: 'Sorties scolaires' }).waitFor(WAIT)
    await card.getByRole('link', { name: 'Former les animateurs' }).waitFor(WAIT)
    await expect(page.getByTestId('operational-o2').getByRole('link').allTextContents()).resolves.toEqual(['Baliser le sentier'])
    await expect(page.getByTestId('actions-to-attach').count()).resolves.toBe(0)
    expect(await axeViolations(page)).toEqual([])

    // An action listed there opens the plan filtered by its objective: only its actions, the count said, the view in the address.
    await card.getByRole('link', { name: 'Sorties scolaires' }).click()
    await page.getByTestId('plan-view-count').getByText('2 actions affichées sur 3').waitFor(WAIT)
    const objectiveFilter = page.getByRole('combobox', { name: 'Objectif', exact: true })
    await expect(objectiveFilter.inputValue()).resolves.toBe('o1')
    await eventually(() => page.getByTestId('action-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-id'))), ['a1', 'a3'])
    expect(new URL(page.url()).searchParams.get('objectif')).toBe('o1')
    await objectiveFilter.selectOption({ label: 'Sentiers balisés' })
    await eventually(() => page.getByTestId('action-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-id'))), ['a2'])
    expect(new URL(page.url()).searchParams.get('objectif')).toBe('o2')

    // A shared link opens the same view; grouped by partner, an action carried by two partners shows under each.
    await page.goto(`${planUrl}?grouper=partenaire`)
    await page.getByTestId('plan-group').first().waitFor(WAIT)
    await expect(page.getByRole('combobox', { name: 'Regrouper par' }).inputValue()).resolves.toBe('partner')
    await eventually(
      () => page.getByTestId('plan-group').allTextContents(),
      ['Association Littoral 2 actions', 'Commune de Port-Marin 1 action', 'Sans partenaire 1 action'],
    )
    await eventually(() => page.getByTestId('action-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-id'))), ['a2', 'a3', 'a2', 'a1'])
    // Within a group, filtered by partner too.
    await page.getByRole('combobox', { name: 'Partenaire', exact: true }).selectOption({ label: 'Commune de Port-Marin' })
    await eventually(() => page.getByTestId('plan-group').allTextContents(), ['Commune de Port-Marin 1 action'])
    expect(new URL(page.url()).searchParams.get('partenaire')).toBe(portMarin)

    // Grouped by objective, every partner: groups in the objectives' order, then the actions serving none.
    await page.getByRole('combobox', { name: 'Partenaire', exact: true }).selectOption({ label: 'Tous les partenaires' })
    await page.getByRole('combobox', { name: 'Regrouper par' }).selectOption({ label: 'Objectif' })
    await eventually(() => page.getByTestId('plan-group').allTextContents(), ['Classes de mer 2 actions', 'Sentiers balisés 1 action'])
    await expect(page.getByRole('heading', { level: 2, name: /Classes de mer/ }).count()).resolves.toBe(1)
    expect(await axeViolations(page)).toEqual([])

    // « Tout afficher » brings the whole plan back and clears the address.
    await page.getByRole('button', { name: 'Tout afficher' }).click()
    await eventually(() => page.getByTestId('plan-group').count(), 0)
    expect(new URL(page.url()).search).toBe('')
    seeder.destroy()
  })
})
