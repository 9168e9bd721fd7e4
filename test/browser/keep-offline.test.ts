import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { contentOf } from '@ensemble/shared'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createAlliance } from '../helpers/alliance.ts'
import { ARTIFACTS_DIR, browserTestsEnabled, ensureClientBuilt, launchBrowser, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { removeDir, spawnServer, startTestServer, tempDataDir, type ChildServer, type TestServer } from '../helpers/server.ts'

const WAIT = { timeout: 20_000 }
const EDITABLE = '.ProseMirror[contenteditable="true"]'
const saveState = (page: Page, state: string) => page.locator(`[data-testid="save-status"][data-save="${state}"]`)
const connection = (page: Page, status: string) => page.locator(`[data-testid="connection-status"][data-status="${status}"]`)

/** Whether some IndexedDB database of the page holds an update containing `text` (runs in the page). */
async function keptOnDevice(text: string): Promise<boolean> {
  const needle = new TextEncoder().encode(text)
  const contains = (bytes: Uint8Array) => bytes.some((_, i) => needle.every((byte, j) => bytes[i + j] === byte))
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith('ensemble:')) continue
    const db = await new Promise<IDBDatabase>((resolve, reject) =>
      Object.assign(indexedDB.open(name), {
        onsuccess(this: IDBOpenDBRequest) {
          resolve(this.result)
        },
        onerror: reject,
      }),
    )
    const updates = await new Promise<unknown[]>((resolve, reject) =>
      Object.assign(db.transaction('updates').objectStore('updates').getAll(), {
        onsuccess(this: IDBRequest<unknown[]>) {
          resolve(this.result)
        },
        onerror: reject,
      }),
    )
    db.close()
    if (updates.some((update) => update instanceof Uint8Array && contains(update))) return true
  }
  return false
}

/** Types at the end of the document. */
async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator(EDITABLE).click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  // One input event: typed key by key, a first « É » (not on the keyboard, so inserted as text) can
  // race ProseMirror's reading of the keys after it and land after them.
  await page.keyboard.insertText(text)
}

describe.skipIf(!browserTestsEnabled())('[KEEP] nothing typed is lost, and the status tells the truth', () => {
  let browser: Browser
  const contexts: BrowserContext[] = []
  const newContext = async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } })
    contexts.push(context)
    return context
  }
  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined)
    await browser?.close()
  })

  it('[KEEP1] [KEEP4] text typed while the server is down survives a closed tab and a server restart, and is stored once it is back; leaving asks first while unsaved', async () => {
    const dataDir = tempDataDir()
    let server: TestServer = await startTestServer({}, dataDir)
    try {
      const base = server.url
      const port = new URL(base).port
      const alliance = await createAlliance(base, ['editor'])
      const [editor] = alliance.members
      const context = await newContext()
      let page = await context.newPage()
      await signInThroughUi(page, base, editor!.email)
      const vision = `${base}/alliances/${alliance.workspaceId}/vision`
      await page.goto(vision)
      await page.locator(EDITABLE).waitFor(WAIT)
      await typeAtEnd(page, 'Écrit avant la panne.')
      await saveState(page, 'saved').waitFor(WAIT)

      await server.close()
      await connection(page, 'offline').waitFor(WAIT)
      await typeAtEnd(page, 'Écrit pendant la panne, à garder.')
      await saveState(page, 'unsaved').waitFor(WAIT)
      // Written to IndexedDB as typed; a tab closed within milliseconds of a keystroke could lose that keystroke.
      await page.waitForFunction(keptOnDevice, 'à garder.', WAIT)

      // Closing the tab now asks first (KEEP4); the person stays.
      const asked = new Promise<string>((resolve) =>
        page.once('dialog', (dialog) => {
          resolve(dialog.type())
          void dialog.dismiss()
        }),
      )
      await page.close({ runBeforeUnload: true })
      expect(await asked).toBe('beforeunload')
      expect(page.isClosed()).toBe(false)
      // They close it anyway (the browser's own "Quitter").
      await page.close()

      server = await startTestServer({ PORT: port }, dataDir)
      page = await context.newPage()
      await page.goto(vision)
      await page.locator('.ProseMirror', { hasText: 'Écrit pendant la panne, à garder.' }).waitFor(WAIT)
      await connection(page, 'connected').waitFor(WAIT)
      await saveState(page, 'saved').waitFor(WAIT)

      // Stored on the server: another member reading the document now sees it.
      const reader = await connectDoc(alliance.admin.client, alliance.workspaceId, 'vision', new Y.Doc())
      try {
        await reader.synced()
        expect(contentOf(reader.doc).toString()).toContain('Écrit pendant la panne, à garder.')
      } finally {
        reader.destroy()
      }
      // Nothing pending: leaving asks nothing.
      let dialogs = 0
      page.on('dialog', (dialog) => {
        dialogs++
        void dialog.accept()
      })
      await page.close({ runBeforeUnload: true })
      await page.waitForEvent('close')
      expect(dialogs).toBe(0)
    } finally {
      await server.close()
      removeDir(dataDir)
    }
  })

  it('[KEEP2] the copy kept on the device belongs to one person: another account on the same browser does not see it, and signing out removes it', async () => {
    const server = await startTestServer()
    try {
      const base = server.url
      const alliance = await createAlliance(base, ['editor', 'editor'])
      const [first, second] = alliance.members
      const context = await newContext()
      const page = await context.newPage()
      await signInThroughUi(page, base, first!.email)
      await page.goto(`${base}/alliances/${alliance.workspaceId}/charte`)
      await page.locator(EDITABLE).waitFor(WAIT)
      await saveState(page, 'saved').waitFor(WAIT)
      const databases = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.startsWith('ensemble:')))
      await expect.poll(databases, WAIT).toEqual([`ensemble:${first!.userId}:${alliance.workspaceId}:charter`])

      await page.getByRole('button', { name: 'Se déconnecter' }).click()
      await page.getByRole('button', { name: 'Se connecter' }).waitFor(WAIT)
      await expect.poll(databases, WAIT).toEqual([])

      await signInThroughUi(page, base, second!.email)
      await page.goto(`${base}/alliances/${alliance.workspaceId}/charte`)
      await page.locator(EDITABLE).waitFor(WAIT)
      await expect.poll(databases, WAIT).toEqual([`ensemble:${second!.userId}:${alliance.workspaceId}:charter`])
    } finally {
      await server.close()
      removeDir(server.dataDir)
    }
  })

  it('[KEEP5] an edit made offline and refused on reconnection (the author was made observer meanwhile) shows « Refusé » with what was undone and why', async () => {
    const server = await startTestServer()
    try {
      const base = server.url
      const alliance = await createAlliance(base, ['editor'])
      const [editor] = alliance.members
      const context = await newContext()
      const page = await context.newPage()
      await signInThroughUi(page, base, editor!.email)
      await page.goto(`${base}/alliances/${alliance.workspaceId}/vision`)
      await page.locator(EDITABLE).waitFor(WAIT)
      await connection(page, 'connected').waitFor(WAIT)

      await context.setOffline(true)
      await connection(page, 'offline').waitFor(WAIT)
      await typeAtEnd(page, 'Phrase tapée hors ligne.')
      await saveState(page, 'unsaved').waitFor(WAIT)
      await alliance.admin.client.json('PATCH', `/api/workspaces/${alliance.workspaceId}/members/${editor!.userId}`, { role: 'observer' }, 200)
      await context.setOffline(false)

      await saveState(page, 'refused').waitFor(WAIT)
      await expect(saveState(page, 'refused').textContent()).resolves.toContain('Refusé')
      await expect(page.getByTestId('save-refusal').textContent()).resolves.toContain('Votre rôle ne vous permet pas de modifier ce document')
      await page.locator('.ProseMirror', { hasText: 'Phrase tapée hors ligne.' }).waitFor({ state: 'detached', ...WAIT })
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'KEEP5-refused.png') })
    } finally {
      await server.close()
      removeDir(server.dataDir)
    }
  })

  it('[KEEP3] a connection that goes silent (the server stops answering, nothing is closed) shows « Hors ligne » within 5 s, and recovers', async () => {
    const dataDir = tempDataDir()
    let child: ChildServer | undefined
    try {
      child = await spawnServer(dataDir)
      const base = child.url
      const alliance = await createAlliance(base, ['editor'])
      const [editor] = alliance.members
      const page = await (await newContext()).newPage()
      await signInThroughUi(page, base, editor!.email)
      await page.goto(`${base}/alliances/${alliance.workspaceId}/accord`)
      await page.locator(EDITABLE).waitFor(WAIT)
      await connection(page, 'connected').waitFor(WAIT)

      // Frozen, not stopped: its sockets stay open and silent, as on a network that drops packets.
      child.child.kill('SIGSTOP')
      await connection(page, 'offline').waitFor({ timeout: 5_000 })
      child.child.kill('SIGCONT')
      await connection(page, 'connected').waitFor(WAIT)
    } finally {
      child?.child.kill('SIGCONT')
      await child?.kill('SIGTERM')
      removeDir(dataDir)
    }
  })
})
