import { actionsOf, addDays, addMonths, buildAction, buildIndicator, buildObjective, indicatorsOf, objectivesOf, planMetaOf, todayIso } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { axeViolations } from '../helpers/axe.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }

/**
 * The dashboard in Chromium, two members in two browser contexts (issue 18, item 6): steering's
 * dashboard says first what needs their attention; the partner's editor enters an indicator value on
 * the objectives page; steering's dashboard, its chart and the chart's table follow without reload;
 * the partner behind on its commitments is a balance alert, and the balance chart's table holds its
 * figures; axe finds nothing on the dashboard.
 */
describe.skipIf(!browserTestsEnabled())('[DASH1] [DASH8] [DASH9] [DASH11] [DASH12] the dashboard in the browser', () => {
  const suite = browserSuite()

  it('[DASH1] [DASH3] [DASH8] [DASH9] [DASH11] [DASH12] a value entered by a partner reaches the other member’s dashboard and chart live; the chart’s table holds the same figures; the balance alert and the balance chart with its table; axe clean', async () => {
    const base = suite.server.url
    const today = todayIso()
    const start = addDays(today, -200)
    // The monthly collection date the value is late for: the last one on or before today.
    let collection = start
    for (let k = 1; addMonths(start, k) <= today; k++) collection = addMonths(start, k)
    const { workspaceId, partnerId, members } = await createAlliance(base, ['steering', 'editor'])
    const [steering, editor] = members as [(typeof members)[0], (typeof members)[0]]
    const seeder = await connectDoc(steering.client, workspaceId, 'plan')
    await seeder.synced()
    seeder.doc.transact(() => {
      planMetaOf(seeder.doc).set('start', start)
      planMetaOf(seeder.doc).set('end', addDays(today, 400))
      objectivesOf(seeder.doc).set(
        'o1',
        buildObjective({
          kind: 'operational',
          title: 'Classes de mer',
          statement: '',
          parentId: null,
          partnerIds: [],
          targetDate: null,
          resources: '',
          status: 'draft',
          order: 'a1',
        }),
      )
      indicatorsOf(seeder.doc).set(
        'i1',
        buildIndicator({
          objectiveId: 'o1',
          name: 'Classes accueillies',
          family: 'results',
          unit: 'classes',
          baseline: 0,
          target: 100,
          targetDate: addDays(today, 200),
          source: 'Registre',
          frequency: 'monthly',
          partnerId,
          purposes: [],
        }),
      )
      actionsOf(seeder.doc).set(
        'a1',
        buildAction({
          title: 'Réserver le car',
          order: 'a0',
          start,
          deadline: addDays(today, -3),
          status: 'in_progress',
          progress: 20,
          objective: 'Classes de mer',
          accountable: steering.userId,
          responsible: [steering.userId],
          // [DASH11] Four days of the partner's work, all due by now, nothing declared: an imbalance.
          resources: { r1: { label: 'Animation', amount: 4, unit: 'jours_homme', partnerId } },
        }),
      )
    })
    await waitFor(() => seeder.provider.synced && seeder.errors.length === 0 && seeder.doc.getMap('actions').size === 1, { message: 'plan stored' })

    const pilot = await suite.newPage()
    await signInThroughUi(pilot, base, steering.email)
    await pilot.goto(`${base}/alliances/${workspaceId}`)
    const attention = pilot.getByTestId('attention')
    // [DASH1] First what needs attention: the overdue action; [DASH3] the value the partner owes.
    await attention.getByRole('heading', { level: 3, name: /Mes actions en retard/ }).waitFor(WAIT)
    await attention.getByRole('link', { name: 'Réserver le car' }).waitFor(WAIT)
    const due = attention.locator('[data-kind="values_due"]')
    await due.getByRole('link', { name: 'Classes accueillies' }).waitFor(WAIT)
    // [DASH5] The objective's progress from its action.
    await expect(pilot.getByTestId('objectives-progress').locator('[data-objective="o1"]').textContent()).resolves.toContain('20 %')
    // [DASH9] The chart draws the path to the target; no value yet.
    const chart = pilot.locator('svg[data-indicator="i1"]')
    await chart.waitFor(WAIT)
    await expect(chart.locator('circle').count()).resolves.toBe(0)
    await expect(chart.locator('rect[data-value]').count()).resolves.toBe(2)

    // The partner's editor enters a value on the objectives page.
    const member = await suite.newPage()
    await signInThroughUi(member, base, editor.email)
    await member.goto(`${base}/alliances/${workspaceId}/objectifs`)
    const form = member.locator('[data-testid^="operational-"]').getByTestId('value-form')
    await form.getByLabel('Valeur (classes)').fill('60')
    await form.getByTestId('value-date').fill(collection)
    await form.getByTestId('value-comment').fill('Bilan du mois')
    await form.getByTestId('save-value').click()
    await form.getByText('Valeur enregistrée.').waitFor(WAIT)

    // [DASH8] Steering's dashboard follows without reload: the value is drawn, no longer due.
    await chart.locator('circle[data-value="60"]').waitFor(WAIT)
    await due.waitFor({ state: 'detached', ...WAIT })
    await pilot.locator('[data-indicator="i1"]').getByText('dans la trajectoire').first().waitFor(WAIT)
    // [DASH9] The table alternative holds the same figures as the chart.
    const card = pilot.locator('li[data-indicator="i1"]')
    await card.getByText('Voir les données').click()
    const table = card.getByTestId('indicator-data')
    await table.waitFor(WAIT)
    const drawn = await chart
      .locator('[data-value]')
      .evaluateAll((nodes) => nodes.map((n) => `${n.getAttribute('data-date')}=${n.getAttribute('data-value')}`).sort())
    const listed = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-date')}=${r.getAttribute('data-value')}`).sort())
    expect(listed).toEqual(drawn)
    expect(listed).toContain(`${collection}=60`)
    await expect(table.getByRole('row').filter({ hasText: 'Valeurs relevées' }).textContent()).resolves.toContain('60')
    await expect(pilot.getByRole('alert').count()).resolves.toBe(0)

    // [DASH11] The partner behind on its commitments, « mon partenaire » for steering (its member), linking to the balance.
    const alert = attention.locator('[data-kind="balance_alerts"]').locator(`[data-partner="${partnerId}"]`)
    await alert.waitFor(WAIT)
    await expect(alert.textContent()).resolves.toMatch(/Association Littoral — a déclaré 0 % de ses engagements \(\d{4}\)mon partenaire/)
    await expect(alert.getByRole('link', { name: 'Association Littoral' }).getAttribute('href')).resolves.toBe(`/alliances/${workspaceId}/equilibre`)
    // [DASH12] The balance chart and its table hold the same figures.
    const balance = pilot.getByTestId('alliance-balance')
    const bars = balance.getByTestId('balance-chart')
    await bars.waitFor(WAIT)
    const drawnBars = await bars
      .locator(`[data-partner="${partnerId}"] [data-series]`)
      .evaluateAll((nodes) => Object.fromEntries(nodes.map((n) => [n.getAttribute('data-series'), Number(n.getAttribute('data-value'))])))
    expect(drawnBars.declared).toBe(0)
    expect(drawnBars.validated).toBe(0)
    expect(drawnBars.committedToDate).toBeGreaterThan(0)
    await balance.getByText('Voir les données').click()
    const row = balance.getByTestId('balance-data').locator(`tbody tr[data-partner="${partnerId}"]`)
    await row.waitFor(WAIT)
    const euro = (n: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n).replace(/\s/g, ' ')
    const cells = (await row.locator('th, td').allTextContents()).map((c) => c.replace(/\s/g, ' '))
    expect(cells).toEqual(['Association Littoral', expect.stringMatching(/€$/), euro(drawnBars.committedToDate!), euro(0), euro(0), 'oui'])

    expect(await axeViolations(pilot)).toEqual([])
    seeder.destroy()
  })
})
