import path from 'node:path'
import type { Decision } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled } from '../helpers/browser.ts'
import { openThreadDraft } from './commentShortcut.ts'
import { chairedMeeting, EDITABLE, minutesOf, roomPages } from './meetingSetup.ts'
import { selectBeforeLineEnd } from './tiptapState.ts'

const WAIT = { timeout: 20_000 }
const PASSAGE = 'budget de 2027'
const MINUTES = `Le comité examine le ${PASSAGE} et le reporte.`

describe.skipIf(!browserTestsEnabled())('comments in the meeting mode: minutes and decisions, in real browsers', () => {
  const suite = browserSuite()

  it('[COMM16] [COMM17] a member comments a passage of the minutes and the chair sees the thread live; a thread on a decision shows its count to the other participant', async () => {
    const base = suite.server.url
    const setup = await chairedMeeting(base)
    const { chair, workspaceId, meeting } = setup
    const decision = await chair.client.json<Decision>(
      'POST',
      `/api/workspaces/${workspaceId}/meetings/${meeting.id}/decisions`,
      { title: 'Report du budget', outcome: 'adopted' },
      201,
    )
    const [pageA, pageB] = await roomPages(suite, base, setup)
    for (const page of [pageA, pageB]) await minutesOf(page).locator(EDITABLE).waitFor(WAIT)

    // The chair writes the minutes; the member selects a passage and comments it.
    await minutesOf(pageA).locator(EDITABLE).click()
    await pageA.keyboard.type(MINUTES)
    const editorB = minutesOf(pageB).locator(EDITABLE)
    await editorB.filter({ hasText: MINUTES }).waitFor(WAIT)
    await editorB.click()
    await selectBeforeLineEnd(pageB, editorB, PASSAGE, ' et le reporte.', { end: 'Control+End' })
    const draft = minutesOf(pageB).getByTestId('thread-draft')
    await openThreadDraft(pageB, editorB, draft, PASSAGE)
    await draft.getByRole('combobox', { name: 'Votre commentaire' }).fill('Pourquoi ce report ?')
    await draft.getByRole('button', { name: 'Commenter' }).click()
    await minutesOf(pageB).locator('.comment-anchor', { hasText: PASSAGE }).waitFor(WAIT)

    // The chair: the thread arrives without reload, with its quote and the highlight on the passage.
    await minutesOf(pageA).getByTestId('comment-thread').filter({ hasText: 'Pourquoi ce report' }).filter({ hasText: PASSAGE }).waitFor(WAIT)
    await expect(minutesOf(pageA).locator('.comment-anchor', { hasText: PASSAGE }).textContent()).resolves.toBe(PASSAGE)
    const threads = await chair.client.json<{ targetKind: string; docName: string }[]>(
      'GET',
      `/api/workspaces/${workspaceId}/comments/threads?docName=${encodeURIComponent(meeting.minutesDoc)}`,
      undefined,
      200,
    )
    expect(threads.map((th) => [th.targetKind, th.docName])).toEqual([['document', meeting.minutesDoc]])
    await pageA.screenshot({ path: path.join(ARTIFACTS_DIR, 'COMM16-minutes-thread.png') })

    // The decision register: the chair opens a thread on the decision; the member's count follows, live.
    const meetings = `${base}/alliances/${workspaceId}/reunions`
    await Promise.all([pageA.goto(meetings), pageB.goto(meetings)])
    const countOf = (page: typeof pageA, n: number) =>
      page.locator(`[data-decision-id="${decision.id}"] [data-testid="comment-count"][data-target-kind="decision"][data-count="${n}"]`)
    await countOf(pageB, 0).waitFor(WAIT)
    await countOf(pageA, 0).click()
    const drawer = pageA.getByTestId('comment-drawer')
    await drawer.getByText('Report du budget').first().waitFor(WAIT)
    await drawer.getByRole('combobox', { name: 'Votre commentaire' }).fill('Quelle nouvelle échéance ?')
    await drawer.getByRole('button', { name: 'Commenter' }).click()
    await drawer.getByTestId('comment-thread').filter({ hasText: 'Quelle nouvelle échéance' }).waitFor(WAIT)
    await countOf(pageB, 1).waitFor(WAIT)
    await countOf(pageA, 1).waitFor(WAIT)
    await pageB.screenshot({ path: path.join(ARTIFACTS_DIR, 'COMM17-decision-count.png') })
  })
})
