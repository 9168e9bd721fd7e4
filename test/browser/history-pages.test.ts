import { contentOf, LIMITS } from '@ensemble/shared'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { block } from '../integration/history-flow.ts'

const WAIT = { timeout: 20_000 }
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS_DIR, name) })

describe.skipIf(!browserTestsEnabled())('history a page at a time, and a document too large to open, in a real browser', () => {
  const suite = browserSuite()

  it('[LOOP4] the history panel lists the 50 newest sessions and shows the older ones on demand', async () => {
    const { workspaceId, admin } = await createAlliance(suite.server.url, [])
    // 55 rows, each by another author (the admin first, then former members): 55 sessions, more than one
    // page (a person's session goes on across others' rows, EDGE3).
    const doc = new Y.Doc()
    let last: Uint8Array | null = null
    doc.on('update', (update: Uint8Array) => (last = update))
    for (let i = 0; i < 55; i++) {
      contentOf(doc).insert(contentOf(doc).length, [block('paragraph', `Paragraphe ${i + 1}.`)])
      await suite.server.server.store.append({ workspaceId, docName: 'agreement' }, last!, i === 0 ? admin.userId : `ancien-membre-${i}`)
    }
    const page = await suite.newPage()
    await signInThroughUi(page, suite.server.url, admin.email)
    await page.goto(`${suite.server.url}/alliances/${workspaceId}/accord`)
    const history = page.getByRole('region', { name: 'Historique et versions' })
    const sessions = history.locator('.history-sessions li')
    await expect.poll(() => sessions.count(), WAIT).toBe(50)
    await history.getByRole('button', { name: 'Afficher les sessions plus anciennes' }).click()
    await expect.poll(() => sessions.count(), WAIT).toBe(55)
    // The oldest comes last (newest first), and there is nothing older.
    await expect(sessions.last().textContent()).resolves.toMatch(/^Claire Admin — 1 modification\(s\)/)
    await expect(history.getByRole('button', { name: 'Afficher les sessions plus anciennes' }).count()).resolves.toBe(0)
    await shot(page, 'history-older-sessions.png')
  })

  it('[LOOP6] a document stored over its size limit shows why it cannot be opened, in French, and does not retry', async () => {
    const { workspaceId, admin } = await createAlliance(suite.server.url)
    const doc = new Y.Doc()
    contentOf(doc).insert(0, [block('paragraph', 'é'.repeat(LIMITS.maxDocumentBytes.richText / 2 + 1000))])
    await suite.server.server.store.append({ workspaceId, docName: 'agreement' }, Y.encodeStateAsUpdate(doc), null)
    const page = await suite.newPage()
    await signInThroughUi(page, suite.server.url, admin.email)
    await page.goto(`${suite.server.url}/alliances/${workspaceId}/accord`)
    const status = page.getByRole('alert').filter({ hasText: 'Connexion interrompue' })
    await status.waitFor(WAIT)
    await expect(status.textContent()).resolves.toContain(
      'ce document dépasse la taille maximale qu’Ensemble ouvre ; demandez à l’administrateur de l’alliance de le réduire ou de l’archiver.',
    )
    await expect(page.getByTestId('connection-status').getAttribute('data-status')).resolves.toBe('closed')
    // Said once, where the connection's state is shown: not as a refused edit.
    await expect(page.getByText('Modification refusée').count()).resolves.toBe(0)
    await shot(page, 'document-too-large.png')
  })
})
