import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { selectedText } from './tiptapState.ts'

const TIMEOUT = { timeout: 20_000 }

/**
 * Ctrl+Alt+M on a selection made with the keyboard in `editor` (a `.ProseMirror` element), once
 * TipTap's own selection is `quote` (see tiptapState.ts), until the new-thread draft opens quoting it.
 */
export async function openThreadDraft(page: Page, editor: Locator, draft: Locator, quote: string): Promise<void> {
  await expect.poll(() => selectedText(editor), TIMEOUT).toBe(quote)
  await expect
    .poll(async () => {
      if ((await draft.count()) === 0) await page.keyboard.press('Control+Alt+m')
      return (await draft.count()) > 0 ? draft.textContent() : ''
    }, TIMEOUT)
    .toContain(quote)
}
