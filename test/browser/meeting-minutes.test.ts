import path from 'node:path'
import { actionsOf, buildAction, keyBetween, type Decision, type Meeting } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { connectDoc } from '../helpers/collab.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled } from '../helpers/browser.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { chairedMeeting, EDITABLE, minutesOf, roomPages } from './meetingSetup.ts'
import { selectBeforeLineEnd } from './tiptapState.ts'

const WAIT = { timeout: 20_000 }
const MINUTES = 'Le budget 2027 est adopté à l’unanimité.'

describe.skipIf(!browserTestsEnabled())('minutes amendments and decision → action in the meeting mode, in real browsers', () => {
  const suite = browserSuite()

  it('[GOV21] [GOV19] a member proposes an amendment, the chair accepts it into the minutes, a later decision approves and locks them; a decision updates an existing action', async () => {
    const base = suite.server.url
    const setup = await chairedMeeting(base)
    const { chair, member, workspaceId, meeting } = setup
    const api = `/api/workspaces/${workspaceId}/meetings`
    await chair.client.json('PUT', `${api}/${meeting.id}/attendance`, { userId: member.userId, status: 'present' }, 200)
    const [pageA, pageB] = await roomPages(suite, base, setup)
    for (const page of [pageA, pageB]) await minutesOf(page).locator(EDITABLE).waitFor(WAIT)
    await minutesOf(pageA).locator(EDITABLE).click()
    await pageA.keyboard.type(MINUTES)
    await minutesOf(pageB).locator('.ProseMirror', { hasText: MINUTES }).waitFor(WAIT)

    // The chair opens the amendments period (two weeks by default); the member sees the form live.
    await minutesOf(pageA).getByRole('button', { name: 'Ouvrir les amendements' }).click()
    const amendmentsB = minutesOf(pageB).getByTestId('amendments')
    await amendmentsB.getByText('Amendements ouverts jusqu’au').waitFor(WAIT)
    // The member selects the passage in the minutes and quotes it.
    await minutesOf(pageB).locator(EDITABLE).click()
    await selectBeforeLineEnd(pageB, minutesOf(pageB).locator(EDITABLE), 'à l’unanimité', '.', { end: 'Control+End' })
    await amendmentsB.getByRole('button', { name: 'Citer la sélection du compte rendu' }).click()
    await expect.poll(() => amendmentsB.getByLabel('Passage à modifier (facultatif, tel qu’il est écrit)').inputValue(), WAIT).toBe('à l’unanimité')
    await amendmentsB.getByLabel('Nouvelle rédaction (ou texte à ajouter)').fill('à la majorité (deux abstentions)')
    await amendmentsB.getByRole('button', { name: 'Proposer l’amendement' }).click()

    // The chair sees it arrive, accepts it: the minutes change for both.
    const pending = minutesOf(pageA).locator('[data-testid="amendment"][data-status="pending"]', { hasText: 'à la majorité (deux abstentions)' })
    await pending.waitFor(WAIT)
    expect(await pending.textContent()).toContain('Bruno Membre')
    await pending.getByRole('button', { name: 'Accepter' }).click()
    for (const page of [pageA, pageB]) {
      await minutesOf(page).locator('.ProseMirror', { hasText: 'Le budget 2027 est adopté à la majorité (deux abstentions).' }).waitFor(WAIT)
      await minutesOf(page).locator('[data-testid="amendment"][data-status="accepted"]').waitFor(WAIT)
    }

    // A later meeting adopts the "minutes approval" decision; the chair approves with it, which locks.
    const next = await chair.client.json<Meeting>(
      'POST',
      api,
      { bodyId: 'copil', title: 'Comité de décembre', startsAt: '2026-12-15T14:00:00+01:00', endsAt: '2026-12-15T16:00:00+01:00' },
      201,
    )
    await chair.client.json('PUT', `${api}/${next.id}/attendance`, { userId: member.userId, status: 'present' }, 200)
    const approval = await chair.client.json<Decision>(
      'POST',
      `${api}/${next.id}/decisions`,
      { title: 'Approuver le compte rendu de novembre', decisionType: 'minutes', outcome: 'adopted' },
      201,
    )
    const approve = minutesOf(pageA).getByTestId('approve-minutes')
    await approve.getByLabel('Approuvé par la décision').selectOption(approval.id)
    await approve.getByRole('button', { name: 'Approuver et verrouiller' }).click()
    for (const page of [pageA, pageB]) {
      await minutesOf(page).getByText('Ce compte rendu est approuvé : il n’est plus modifiable.').waitFor(WAIT)
      await minutesOf(page).locator('.badge', { hasText: 'Verrouillé' }).first().waitFor(WAIT)
      await minutesOf(page).locator('.ProseMirror[contenteditable="false"]').waitFor(WAIT)
    }
    expect(await minutesOf(pageB).getByRole('button', { name: 'Proposer l’amendement' }).count()).toBe(0)
    await pageA.screenshot({ path: path.join(ARTIFACTS_DIR, 'GOV21-minutes-locked.png') })

    // GOV19: an action of the plan, and an adopted decision of this meeting that updates it.
    const plan = await connectDoc(chair.client, workspaceId, 'plan')
    await plan.synced()
    actionsOf(plan.doc).set(
      'tiers-lieu',
      buildAction({
        title: 'Ouvrir le tiers-lieu',
        status: 'planned',
        accountable: chair.userId,
        responsible: [member.userId],
        start: '2026-12-01',
        deadline: '2027-02-28',
        order: keyBetween(null, null),
      }),
    )
    await waitFor(() => plan.provider.synced && plan.errors.length === 0, { message: 'the action accepted' })
    // The chair notes the decision from the meeting room (no vote: taken by consensus).
    const record = pageA.getByTestId('record-decision')
    await record.getByLabel('Décision notée').fill('Reporter l’ouverture du tiers-lieu')
    await record.getByRole('button', { name: 'Noter une décision sans vote' }).click()
    const decision = await waitFor(
      async () =>
        (await chair.client.json<Decision[]>('GET', `${api}/decisions?meetingId=${meeting.id}`, undefined, 200)).find(
          (d) => d.title === 'Reporter l’ouverture du tiers-lieu',
        ),
      { message: 'the decision noted' },
    )
    expect(decision.outcome).toBe('adopted')
    const form = pageA.locator(`[data-testid="meeting-decisions"] [data-decision-id="${decision.id}"]`).getByTestId('decision-action-form')
    await form.waitFor(WAIT)
    await form.getByLabel('Mettre à jour une action existante').check()
    await form.getByLabel('Action à mettre à jour').selectOption('tiers-lieu')
    // Pre-filled from the action, then edited.
    await expect.poll(() => form.getByLabel('Échéance').inputValue(), WAIT).toBe('2027-02-28')
    expect(await form.getByRole('checkbox', { name: 'Bruno Membre' }).isChecked()).toBe(true)
    await form.getByLabel('Échéance').fill('2027-06-30')
    await form.getByRole('button', { name: 'Mettre à jour l’action' }).click()
    // Both see the plan change and the link on the decision, live.
    for (const page of [pageA, pageB]) {
      await page.locator('[data-testid="meeting-plan"] [data-action-id="tiers-lieu"]', { hasText: '2027-06-30' }).waitFor(WAIT)
      await page
        .locator(`[data-testid="meeting-decisions"] [data-decision-id="${decision.id}"] [data-testid="decision-actions"]`, { hasText: 'Ouvrir le tiers-lieu' })
        .waitFor(WAIT)
    }
    await pageA.getByTestId('meeting-decisions').screenshot({ path: path.join(ARTIFACTS_DIR, 'GOV19-decision-action.png') })
    await waitFor(() => JSON.stringify(actionsOf(plan.doc).get('tiers-lieu')?.get('decisionIds')) === JSON.stringify([decision.id]), {
      message: 'the link on the action',
    })
    plan.destroy()

    // The other way: the action's detail in the plan names the decision and leads back to its meeting.
    await pageB.goto(`${base}/alliances/${workspaceId}/plan`)
    await pageB.getByTestId('action-row').first().locator('[data-tool="details"]').click()
    const link = pageB.getByTestId('action-decisions').getByRole('link', { name: /Reporter l’ouverture du tiers-lieu — Adoptée/ })
    await link.click()
    await pageB.getByRole('heading', { name: 'Comité de pilotage de novembre', level: 1 }).waitFor(WAIT)
  })
})
