import path from 'node:path'
import { contentOf } from '@ensemble/shared'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { ARTIFACTS_DIR, browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'
import { connectDoc } from '../helpers/collab.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createThread, reply } from '../integration/comments-flow.ts'
import { report } from '../reliability/support.ts'
import { ACTIVE_CONTENT_PAYLOADS, paragraphWith } from '../reliability/support/activeContent.ts'

const WAIT = { timeout: 20_000 }
/** An anchor no replica can resolve: the thread is listed as orphaned, with its quote. */
const ANCHOR = { from: 'AQLJ4Z8DAg==', to: 'AQLJ4Z8DCQ==', quote: '<img src=x onerror=alert(1)>' }
const COMMENT_PAYLOADS = [
  '<img src=x onerror=alert(1)> [x](javascript:alert(1))',
  '<script>alert(1)</script> <a href="javascript:alert(1)">y</a> <iframe src="javascript:alert(1)"></iframe>',
  '[z](JaVaScRiPt:alert(1)) <svg onload=alert(1)> ![i](javascript:alert(1))',
]

/** Active content left under `root` (selector): elements, handler attributes, script URLs. */
const activeContentIn = (page: Page, root: string) =>
  page.evaluate((selector) => {
    const found: string[] = []
    for (const scope of Array.from(document.querySelectorAll(selector))) {
      for (const el of Array.from(scope.querySelectorAll('*'))) {
        if (/^(iframe|script|object|embed|img|svg)$/i.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>`)
        for (const attr of Array.from(el.attributes)) {
          if (/^on/i.test(attr.name)) found.push(`${attr.name}=`)
          if (/^\s*(javascript|data|vbscript):/i.test(attr.value)) found.push(`${attr.name}=${attr.value}`)
        }
      }
    }
    return found
  }, root)

describe.skipIf(!browserTestsEnabled())('[WEB3] active content stays inert in another member’s browser', () => {
  const suite = browserSuite()

  it('[WEB3] a malicious editor’s raw Yjs XML and comment payloads: refused or rendered as text; the agreement opens in Chromium with no dialog, no active content, under a CSP without inline script', async () => {
    const base = suite.server.url
    const { workspaceId, admin, members } = await createAlliance(base, ['editor'])
    const attacker = members[0]!
    const page = await suite.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await signInThroughUi(page, base, admin.email)
    const response = await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const csp = response?.headers()['content-security-policy'] ?? ''
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? ''
    expect(scriptSrc).toBe("'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    await page.locator('.ProseMirror[contenteditable="true"]').waitFor(WAIT)

    // The attacker writes each payload through a real provider while the page is open.
    for (const [name, write] of ACTIVE_CONTENT_PAYLOADS) {
      const evil = await connectDoc(attacker.client, workspaceId, 'agreement')
      await evil.synced()
      write(evil.doc)
      await waitFor(() => evil.errors.length > 0, { message: `${name} refused` })
      expect({ name, code: evil.errors[0]!.code }).toEqual({ name, code: 'edit_invalid' })
      evil.destroy()
    }
    // Then a valid paragraph from the same attacker: the page is live and has applied all it was sent.
    const honest = await connectDoc(attacker.client, workspaceId, 'agreement')
    await honest.synced()
    contentOf(honest.doc).push([paragraphWith((t) => t.insert(0, 'Article 1 — texte valable.'))])
    await page.locator('.ProseMirror', { hasText: 'Article 1 — texte valable.' }).waitFor(WAIT)
    honest.destroy()
    expect(await activeContentIn(page, '.ProseMirror')).toEqual([])

    // Comments whose bodies (and quote) are XSS payloads, rendered by the thread panel.
    const { thread } = await createThread(attacker.client, workspaceId, {
      targetKind: 'document',
      docName: 'agreement',
      anchor: ANCHOR,
      body: COMMENT_PAYLOADS[0],
    })
    for (const body of COMMENT_PAYLOADS.slice(1)) await reply(attacker.client, workspaceId, thread.id, body)
    const panel = page.getByRole('complementary', { name: /Commentaires/ })
    const shown = panel.getByTestId('comment-thread')
    await expect.poll(() => shown.locator('.message__body').count(), WAIT).toBe(COMMENT_PAYLOADS.length)
    expect(await activeContentIn(page, '[data-testid="comment-thread"]')).toEqual([])
    // Shown as the text the attacker typed, not dropped: the members can see what was attempted.
    // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered to the member, not the node's raw text
    await expect(shown.locator('.message__body').first().innerText()).resolves.toContain('<img src=x onerror=alert(1)>')
    await shown.first().scrollIntoViewIfNeeded()
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'WEB3-inert.png'), fullPage: false })

    expect(dialogs).toEqual([])
    // The control: a dialog that does fire is caught, so the empty list above means something.
    await page.evaluate(() => setTimeout(() => alert('témoin'), 0))
    await waitFor(() => dialogs.length > 0, { message: 'control dialog caught' })
    expect(dialogs).toEqual(['témoin'])
    report('WEB3-browser', { yjsPayloads: ACTIVE_CONTENT_PAYLOADS.length, commentMessages: COMMENT_PAYLOADS.length, dialogsFired: 0 })
  })
})
