import { bodiesOf, buildBody, keyBetween, type Meeting } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { signUp } from '../helpers/http.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { addMember } from '../helpers/invitations.ts'

/**
 * An alliance with a chair (admin) and a member (editor) of one partner, a steering committee with one
 * seat and quorum 1, and a meeting of it scheduled: what the meeting-mode browser tests start from.
 */
export async function chairedMeeting(base: string) {
  const chair = await signUp(base, 'Claire Présidente')
  const member = await signUp(base, 'Bruno Membre')
  const { id: workspaceId } = await chair.client.json<{ id: string }>('POST', '/api/workspaces', { name: 'Alliance du littoral' }, 201)
  const { id: partnerId } = await chair.client.json<{ id: string }>(
    'POST',
    `/api/workspaces/${workspaceId}/partners`,
    { name: 'Association Estran', type: 'association' },
    201,
  )
  await addMember(chair.client, workspaceId, member, { role: 'editor', partnerId })
  const governance = await connectDoc(chair.client, workspaceId, 'governance')
  await governance.synced()
  bodiesOf(governance.doc).set(
    'copil',
    buildBody({
      name: 'Comité de pilotage',
      level: 'strategic',
      mandate: '',
      seats: { [partnerId]: 1 },
      decisionRule: 'simple_majority',
      quorum: 1,
      cadence: 'monthly',
      chair: chair.userId,
      order: keyBetween(null, null),
    }),
  )
  const input = {
    bodyId: 'copil',
    title: 'Comité de pilotage de novembre',
    startsAt: '2026-11-24T14:00:00+01:00',
    endsAt: '2026-11-24T16:00:00+01:00',
    place: 'Salle 2',
  }
  // The meeting route reads the body from the governance document: retry until the edit has reached it.
  const meeting = await waitFor(async () => {
    const res = await chair.client.request('POST', `/api/workspaces/${workspaceId}/meetings`, input)
    return res.status === 201 ? ((await res.json()) as Meeting) : null
  })
  governance.destroy()
  return { chair, member, workspaceId, partnerId, meeting }
}

/** The chair's and the member's pages, signed in through the interface, both in the meeting's room. */
export async function roomPages(
  suite: { newPage(): Promise<Page> },
  base: string,
  { chair, member, workspaceId, meeting }: Awaited<ReturnType<typeof chairedMeeting>>,
): Promise<[Page, Page]> {
  const pageA = await suite.newPage()
  const pageB = await suite.newPage()
  await signInThroughUi(pageA, base, chair.email)
  await signInThroughUi(pageB, base, member.email)
  const room = `${base}/alliances/${workspaceId}/reunions?reunion=${meeting.id}`
  await Promise.all([pageA.goto(room), pageB.goto(room)])
  return [pageA, pageB]
}

/** The minutes panel of the meeting room, and its editor once it accepts edits. */
export const minutesOf = (page: Page) => page.locator('section.meeting-panel--minutes')
export const EDITABLE = '.ProseMirror[contenteditable="true"]'
