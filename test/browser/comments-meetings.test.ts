import path from 'node:path'
import { bodiesOf, buildBody, type Decision, keyBetween, type Meeting } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'

const WAIT = { timeout: 20_000 }
const PASSAGE = 'budget de 2027'
const MINUTES = `Le comité examine le ${PASSAGE} et le reporte.`

describe.skipIf(!browserTestsEnabled())('comments in the meeting mode: minutes and decisions, in real browsers', () => {
  const suite = browserSuite()

  it('[COMM16] [COMM17] a member comments a passage of the minutes and the chair sees the thread live; a thread on a decision shows its count to the other participant', async () => {
    const base = suite.server.url
    const chair = await signUp(base, 'Claire Présidente')
    const member = await signUp(base, 'Bruno Membre')
    const { id: workspaceId } = await chair.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
    const { id: partnerId } = await chair.client.json<{ id: string }>('POST', `/api/workspaces/${workspaceId}/partners`, { name: 'Association Estran', type: 'association' }, 201)
    await chair.client.json('POST', `/api/workspaces/${workspaceId}/members`, { email: member.email, role: 'editor', partnerId }, 201)
    const governance = await connectDoc(chair.client, workspaceId, 'governance')
    await governance.synced()
    bodiesOf(governance.doc).set('copil', buildBody({ name: 'Comité de pilotage', level: 'strategic', mandate: '', seats: { [partnerId]: 1 }, decisionRule: 'simple_majority', quorum: 1, cadence: 'monthly', chair: chair.userId, order: keyBetween(null, null) }))
    const input = { bodyId: 'copil', title: 'Comité de pilotage de novembre', startsAt: '2026-11-24T14:00:00+01:00', endsAt: '2026-11-24T16:00:00+01:00', place: 'Salle 2' }
    const meeting = await waitFor(async () => {
      const res = await chair.client.request('POST', `/api/workspaces/${workspaceId}/meetings`, input)
      return res.status === 201 ? ((await res.json()) as Meeting) : null
    })
    governance.destroy()
    const decision = await chair.client.json<Decision>('POST', `/api/workspaces/${workspaceId}/meetings/${meeting.id}/decisions`, { title: 'Report du budget', outcome: 'adopted' }, 201)

    const pageA = await suite.newPage()
    const pageB = await suite.newPage()
    await signInThroughUi(pageA, base, chair.email)
    await signInThroughUi(pageB, base, member.email)
    const room = `${base}/alliances/${workspaceId}/reunions?reunion=${meeting.id}`
    await Promise.all([pageA.goto(room), pageB.goto(room)])
    const minutesOf = (page: typeof pageA) => page.locator('section.meeting-panel--minutes')
    const editable = '.ProseMirror[contenteditable="true"]'
    for (const page of [pageA, pageB]) await minutesOf(page).locator(editable).waitFor(WAIT)

    // The chair writes the minutes; the member selects a passage and comments it.
    await minutesOf(pageA).locator(editable).click()
    await pageA.keyboard.type(MINUTES)
    const editorB = minutesOf(pageB).locator(editable)
    await editorB.filter({ hasText: MINUTES }).waitFor(WAIT)
    await editorB.click()
    await pageB.keyboard.press('Control+End')
    for (let i = 0; i < ' et le reporte.'.length; i++) await pageB.keyboard.press('ArrowLeft')
    for (let i = 0; i < PASSAGE.length; i++) await pageB.keyboard.press('Shift+ArrowLeft')
    await expect.poll(() => pageB.evaluate(() => window.getSelection()?.toString()), WAIT).toBe(PASSAGE)
    await pageB.keyboard.press('Control+Alt+m')
    const draft = minutesOf(pageB).getByTestId('thread-draft')
    await draft.getByText(PASSAGE).waitFor(WAIT)
    await draft.getByRole('combobox', { name: 'Votre commentaire' }).fill('Pourquoi ce report ?')
    await draft.getByRole('button', { name: 'Commenter' }).click()
    await minutesOf(pageB).locator('.comment-anchor', { hasText: PASSAGE }).waitFor(WAIT)

    // The chair: the thread arrives without reload, with its quote and the highlight on the passage.
    await minutesOf(pageA).getByTestId('comment-thread').filter({ hasText: 'Pourquoi ce report' }).filter({ hasText: PASSAGE }).waitFor(WAIT)
    await expect(minutesOf(pageA).locator('.comment-anchor', { hasText: PASSAGE }).textContent()).resolves.toBe(PASSAGE)
    const threads = await chair.client.json<{ targetKind: string; docName: string }[]>('GET', `/api/workspaces/${workspaceId}/comments/threads?docName=${encodeURIComponent(meeting.minutesDoc)}`, undefined, 200)
    expect(threads.map((th) => [th.targetKind, th.docName])).toEqual([['document', meeting.minutesDoc]])
    await pageA.screenshot({ path: path.join(ARTIFACTS_DIR, 'COMM16-minutes-thread.png') })

    // The decision register: the chair opens a thread on the decision; the member's count follows, live.
    const meetings = `${base}/alliances/${workspaceId}/reunions`
    await Promise.all([pageA.goto(meetings), pageB.goto(meetings)])
    const countOf = (page: typeof pageA, n: number) => page.locator(`[data-decision-id="${decision.id}"] [data-testid="comment-count"][data-target-kind="decision"][data-count="${n}"]`)
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
