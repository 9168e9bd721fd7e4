import type { SignoffRoundView } from '@ensemble/shared'
import { describe, expect, it } from 'vitest'
import { syncedDocs } from '../helpers/syncedDocs.ts'
import { serverPerSuite } from '../helpers/server.ts'
import { expectError, openEvents } from './comments-flow.ts'
import { appendBlocks, block, docApi, waitForRows } from './history-flow.ts'
import { propose, twoPartnerAlliance, vote } from './signoff-flow.ts'

interface VersionView {
  id: string
}

describe('live history and sign-off events (Server-Sent Events)', () => {
  const server = serverPerSuite()
  const connect = syncedDocs()

  it('[HIST10] naming and restoring a version publish history.changed, every sign-off step publishes signoff.changed, each with the document; refused requests publish nothing', async () => {
    const { workspaceId, admin, steering, editor, lina, hugo } = await twoPartnerAlliance(server.url)
    const api = docApi(workspaceId, 'agreement')
    const writer = await connect(admin.client, workspaceId, 'agreement')
    appendBlocks(writer.doc, [block('heading', 'Article 1 — Objet'), block('paragraph', 'Coopérer pour le littoral.')])
    await waitForRows(admin.client, workspaceId, 'agreement', 1)

    const stream = await openEvents(editor.client, workspaceId)
    try {
      const count = (type: string) => stream.events.filter((e) => e.event === type).length
      const expectCounts = async (history: number, signoff: number) => {
        await stream.next(
          () => count('history.changed') >= history && count('signoff.changed') >= signoff,
          `${history} history.changed and ${signoff} signoff.changed`,
        )
        expect([count('history.changed'), count('signoff.changed')]).toEqual([history, signoff])
      }

      const v1 = await steering.client.json<VersionView>('POST', api.versions, { name: 'Projet v1' }, 201)
      const named = await stream.next((e) => e.event === 'history.changed', 'history.changed')
      expect(named.data).toEqual({ docName: 'agreement' })
      await expectCounts(1, 0)

      // Refused: an editor may not restore; an unknown version is 404. Neither is announced.
      await expectError(await editor.client.request('POST', api.restore(v1.id)), 403, 'forbidden')
      await expectError(await steering.client.request('POST', api.restore('v_missing0000')), 404, 'not_found')
      await steering.client.json('POST', api.restore(v1.id), undefined, 200)
      await expectCounts(2, 0)

      // A proposal names a version (history) and opens a round (sign-off).
      const { round } = await propose(steering, workspaceId, 'agreement', { name: 'Projet v2 — envoyé aux partenaires' })
      await expectCounts(3, 1)
      expect(stream.events.filter((e) => e.event === 'signoff.changed').map((e) => e.data)).toEqual([{ docName: 'agreement' }])
      await steering.client.json('POST', `${api.signoff}/rounds/${round.id}/withdraw`, undefined, 200)
      await expectCounts(3, 2)

      const { round: second } = await propose(steering, workspaceId, 'agreement', { versionId: v1.id })
      await expectCounts(4, 3)
      // An objection without a comment is refused (422) and not announced; the editor represents nobody (403).
      await expectError(await hugo.client.request('POST', api.votes(second.id), { vote: 'object' }), 422, 'validation_failed', 'comment')
      await expectError(await editor.client.request('POST', api.votes(second.id), { vote: 'approve' }), 403, 'forbidden')
      await vote(lina, workspaceId, 'agreement', second.id, { vote: 'approve' })
      await expectCounts(4, 4)
      const adopted: SignoffRoundView = await vote(hugo, workspaceId, 'agreement', second.id, { vote: 'approve' })
      expect(adopted.status).toBe('adopted')
      await expectCounts(4, 5)
      await expectError(await editor.client.request('POST', api.unlock), 403, 'forbidden')
      await steering.client.json('POST', api.unlock, undefined, 200)
      await expectCounts(4, 6)
      expect(stream.events.every((e) => e.event === 'ready' || (e.data as { docName?: string }).docName === 'agreement')).toBe(true)
    } finally {
      stream.close()
    }
  })
})
