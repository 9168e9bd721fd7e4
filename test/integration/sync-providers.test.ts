import { actionsOf, buildAction, contentOf, keysAfter, readAction, sortedActionIds } from '@ensemble/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { connectDoc, type DocClient } from '../helpers/collab.ts'
import { removeDir, startTestServer, type TestServer } from '../helpers/server.ts'
import { canonicalJson } from '../helpers/canonical.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** Appends a paragraph holding `text` to a TipTap-layout fragment, as the editor would. */
function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  contentOf(doc).push([paragraph])
}

const xml = (c: DocClient) => contentOf(c.doc).toString()

describe('live co-editing through real WebsocketProviders', () => {
  let server: TestServer
  let alliance: Awaited<ReturnType<typeof createAlliance>>
  const open: DocClient[] = []

  beforeAll(async () => {
    server = await startTestServer()
    alliance = await createAlliance(server.url, ['editor', 'steering'])
  })
  afterAll(async () => {
    for (const c of open) c.destroy()
    await server.close()
    removeDir(server.dataDir)
  })

  const connect = async (who: { client: import('../helpers/http.ts').HttpClient }, docName: string) => {
    const c = await connectDoc(who.client, alliance.workspaceId, docName)
    open.push(c)
    await c.synced()
    return c
  }

  it('[SYNC1] two clients converge on the agreement text, including concurrent edits', async () => {
    const a = await connect(alliance.admin, 'agreement')
    const b = await connect(alliance.members[0]!, 'agreement')
    appendParagraph(a.doc, 'Article 1 — Objet du consortium')
    await waitFor(() => xml(b).includes('Article 1'), { message: 'B sees A' })
    // Both type at the same time in the same paragraph.
    const textOf = (c: DocClient) => (contentOf(c.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText
    textOf(a).insert(0, '[A]')
    textOf(b).insert(textOf(b).length, '[B]')
    await waitFor(() => xml(a) === xml(b) && xml(a).includes('[A]') && xml(a).includes('[B]'), { message: 'convergence' })
  })

  it('[SYNC2] ten clients converge on the agreement and on the action plan', async () => {
    const people = [alliance.admin, ...alliance.members]
    const agreements = await Promise.all(Array.from({ length: 10 }, (_, i) => connect(people[i % people.length]!, 'agreement')))
    const plans = await Promise.all(Array.from({ length: 10 }, (_, i) => connect(people[i % people.length]!, 'plan')))
    const keys = keysAfter(null, 10)
    agreements.forEach((c, i) => appendParagraph(c.doc, `Contribution du client ${i}`))
    plans.forEach((c, i) => actionsOf(c.doc).set(`action-${i}`, buildAction({ title: `Action ${i}`, order: keys[i]! })))
    await waitFor(() => agreements.every((c) => xml(c) === xml(agreements[0]!)) && agreements.every((_, i) => xml(agreements[0]!).includes(`client ${i}<`)), {
      message: 'agreements converge',
      timeoutMs: 20_000,
    })
    await waitFor(
      () => plans.every((c) => actionsOf(c.doc).size >= 10 && canonicalJson(actionsOf(c.doc).toJSON()) === canonicalJson(actionsOf(plans[0]!.doc).toJSON())),
      {
        message: 'plans converge',
        timeoutMs: 20_000,
      },
    )
    expect(sortedActionIds(plans[3]!.doc).filter((id) => id.startsWith('action-'))).toEqual(keys.map((_, i) => `action-${i}`))
  })

  it('[SYNC3] two people editing different cells of the same action both keep their edits', async () => {
    const a = await connect(alliance.admin, 'plan')
    const b = await connect(alliance.members[1]!, 'plan')
    actionsOf(a.doc).set('shared-row', buildAction({ title: 'Cartographier les acteurs du littoral', order: 'a5' }))
    await waitFor(() => actionsOf(b.doc).has('shared-row'), { message: 'row reaches B' })
    // Disconnect-free concurrency: both write before either sees the other's change.
    actionsOf(a.doc).get('shared-row')!.set('deadline', '2027-03-31')
    actionsOf(b.doc).get('shared-row')!.set('progress', 40)
    await waitFor(
      () => {
        const ra = readAction(actionsOf(a.doc).get('shared-row')!)
        const rb = readAction(actionsOf(b.doc).get('shared-row')!)
        return ra.deadline === '2027-03-31' && ra.progress === 40 && rb.deadline === '2027-03-31' && rb.progress === 40
      },
      { message: 'both cells kept on both sides' },
    )
  })

  it('[PRES1] presence carries the authenticated name and colour, whatever the client claims', async () => {
    const a = await connect(alliance.admin, 'vision')
    const b = await connect(alliance.members[0]!, 'vision')
    a.provider.awareness.setLocalStateField('user', { id: 'someone-else', name: 'Imposteur', color: '#000000', partner: null })
    const seen = await waitFor(
      () => {
        const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { id: string; name: string } } | undefined
        return state?.user?.name ? state.user : null
      },
      { message: "A's presence at B" },
    )
    expect(seen.id).toBe(alliance.admin.userId)
    expect(seen.name).toBe('Claire Admin')
  })
})
