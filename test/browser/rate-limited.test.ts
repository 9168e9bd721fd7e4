import { LIMITS } from '@ensemble/shared'
import { describe, it } from 'vitest'
import { createAlliance } from '../helpers/alliance.ts'
import { browserSuite, browserTestsEnabled, signInThroughUi } from '../helpers/browser.ts'

const WAIT = { timeout: 20_000 }

describe.skipIf(!browserTestsEnabled())('[BAD5] a member whose client floods the server is told so, then reconnects', () => {
  const suite = browserSuite()

  it('[BAD5] caret moves beyond the presence rate limit: the server closes with 4429, the status says “Trop de messages envoyés”, the page reconnects by itself', async () => {
    const base = suite.server.url
    const { workspaceId, admin } = await createAlliance(base)
    const page = await suite.newPage()
    await signInThroughUi(page, base, admin.email)
    await page.goto(`${base}/alliances/${workspaceId}/accord`)
    const editable = page.locator('.ProseMirror[contenteditable="true"]')
    await editable.waitFor(WAIT)
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor(WAIT)
    await editable.click()
    await page.keyboard.type('Article 1')
    // Every caret move is a presence update: move it back and forth past the burst, faster than the
    // bucket refills (keyboard presses through the driver are too slow for that). A loaded browser
    // coalesces selection changes, so flood in rounds until the server has cut the connection.
    const rateLimited = page.locator('[data-testid="connection-status"]', { hasText: 'Trop de messages envoyés' })
    for (let round = 0; round < 20 && !(await rateLimited.isVisible()); round++) {
      await page.evaluate(async (moves) => {
        const text = document.querySelector('.ProseMirror p')!.firstChild!
        for (let i = 0; i < moves; i++) {
          const range = document.createRange()
          range.setStart(text, 1 + (i % 2))
          window.getSelection()!.removeAllRanges()
          window.getSelection()!.addRange(range)
          await new Promise((resolve) => setTimeout(resolve, 2))
        }
      }, 2 * LIMITS.rate.awareness.burst)
    }
    await rateLimited.waitFor(WAIT)
    // Not a dead end: the page comes back by itself, with the text intact.
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor(WAIT)
    await page.locator('.ProseMirror', { hasText: 'Article 1' }).waitFor(WAIT)
  })
})
