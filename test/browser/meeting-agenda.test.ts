import type { AgendaItem } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { browserSuite, browserTestsEnabled } from '../helpers/browser.ts'
import { chairedMeeting, roomPages } from './meetingSetup.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[GOV23] the agenda in meeting mode, in real browsers', () => {
  const suite = browserSuite()

  it('[GOV23] the chair reorders the agenda with the keyboard (announced) and by drag and drop; the member sees each order live; a vote names its agenda item', async () => {
    const base = suite.server.url
    const setup = await chairedMeeting(base)
    const { chair, workspaceId, meeting } = setup
    for (const title of ['Budget', 'Tiers-lieu', 'Questions diverses'])
      await chair.client.json<AgendaItem>('POST', `/api/workspaces/${workspaceId}/meetings/${meeting.id}/agenda`, { title }, 201)
    const [pageA, pageB] = await roomPages(suite, base, setup)
    const order = (page: typeof pageA) => page.getByTestId('agenda-item').locator('.agenda__title').allTextContents()
    for (const page of [pageA, pageB]) await expect.poll(() => order(page), WAIT).toEqual(['Budget', 'Tiers-lieu', 'Questions diverses'])

    // Keyboard: focus "move down" on Budget and press Enter; the move is announced.
    await pageA.getByRole('button', { name: 'Descendre « Budget »' }).focus()
    await pageA.keyboard.press('Enter')
    await expect.poll(() => pageA.getByTestId('agenda-announce').textContent(), WAIT).toBe('« Budget » est maintenant en position 2 sur 3.')
    for (const page of [pageA, pageB]) await expect.poll(() => order(page), WAIT).toEqual(['Tiers-lieu', 'Budget', 'Questions diverses'])

    // Drag and drop: "Questions diverses" onto the first place.
    const items = pageA.getByTestId('agenda-item')
    await items.filter({ hasText: 'Questions diverses' }).dragTo(items.filter({ hasText: 'Tiers-lieu' }))
    for (const page of [pageA, pageB]) await expect.poll(() => order(page), WAIT).toEqual(['Questions diverses', 'Tiers-lieu', 'Budget'])
    // The member cannot reorder: no move buttons, nothing draggable.
    expect(await pageB.getByRole('button', { name: 'Descendre « Budget »' }).count()).toBe(0)
    expect(await pageB.locator('[data-testid="agenda-item"][draggable="true"]').count()).toBe(0)

    // A vote opened on an agenda item names it for everyone.
    const votes = pageA.getByRole('region', { name: 'Votes' })
    await votes.getByLabel('Question soumise au vote').fill('Ouvrir le tiers-lieu en mars ?')
    await votes.getByLabel('Point de l’ordre du jour').selectOption({ label: 'Tiers-lieu' })
    await votes.getByRole('button', { name: 'Ouvrir le vote' }).click()
    for (const page of [pageA, pageB])
      await page.getByTestId('vote').filter({ hasText: 'Ouvrir le tiers-lieu en mars ?' }).getByText('Point : Tiers-lieu').waitFor(WAIT)
  })
})
