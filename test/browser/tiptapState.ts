import type { Locator, Page } from 'playwright-core'
import { waitFor } from '../helpers/waitFor.ts'

/**
 * TipTap's own view of an editor (`editor` is its `.ProseMirror` element, where TipTap keeps itself).
 * ProseMirror takes a keyboard selection from the DOM on the asynchronous `selectionchange` event, so
 * on a loaded machine its state can lag what the browser shows: tests that press a shortcut acting on
 * the selection wait on this state, not on `window.getSelection()`.
 */
interface TipTapElement extends HTMLElement {
  editor?: {
    state: {
      selection: { from: number; to: number; $from: { index(depth: number): number; parentOffset: number; parent: { content: { size: number } } } }
      doc: { textBetween(from: number, to: number): string }
    }
    isActive(name: string): boolean
  }
}

/** The text TipTap holds as selected (null before TipTap is mounted). */
export const selectedText = (editor: Locator): Promise<string | null> =>
  editor.evaluate((el) => {
    const tiptap = (el as TipTapElement).editor
    if (!tiptap) return null
    const { from, to } = tiptap.state.selection
    return tiptap.state.doc.textBetween(from, to)
  })

/** Whether TipTap's selection is inside a `mark` (e.g. `link`). */
export const markActive = (editor: Locator, mark: string): Promise<boolean> =>
  editor.evaluate((el, name) => (el as TipTapElement).editor?.isActive(name) ?? false, mark)

/**
 * Selects `text` with the keyboard by pressing `keys` in order, then waits for TipTap's own
 * selection. On a loaded machine a view update can land between two key presses and put
 * ProseMirror's older selection back in the DOM, undoing one caret move: the whole gesture is then
 * made again, up to `attempts` times (each gesture starts with a key that places the caret
 * absolutely: End, Control+End, Control+Home).
 */
export async function selectWithKeys(page: Page, editor: Locator, text: string, keys: string[], attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    for (const key of keys) await page.keyboard.press(key)
    try {
      await waitFor(async () => (await selectedText(editor)) === text, {
        timeoutMs: 3_000,
        intervalMs: 50,
        message: `TipTap selecting ${JSON.stringify(text)}`,
      })
      return
    } catch (error) {
      if (attempt === attempts) throw error
    }
  }
}

/**
 * Presses Enter at the end of a block and waits until the caret is in the new, empty block, in
 * TipTap's state and in the browser's selection alike. Under load, a key typed a few milliseconds
 * after Enter could land before ProseMirror had put the browser's selection in the new block, and its
 * character stayed behind the caret ("Le comité…" became "e comité…L"; 1 run in 6 with both cores
 * busy): a person types after seeing the new line, and so does a test.
 */
export async function pressEnterForNewBlock(page: Page, editor: Locator): Promise<void> {
  await page.keyboard.press('Enter')
  await waitFor(
    () =>
      editor.evaluate((el) => {
        const tiptap = (el as TipTapElement).editor
        const anchor = window.getSelection()?.anchorNode
        if (!tiptap || !anchor) return false
        const { $from } = tiptap.state.selection
        const block = el.children[$from.index(0)]
        return $from.parentOffset === 0 && $from.parent.content.size === 0 && block?.contains(anchor) === true
      }),
    { message: 'the caret in the new empty block' },
  )
}

const repeat = (key: string, times: number): string[] => Array.from({ length: times }, () => key)

/**
 * Selects `text` in the line the caret is on, where `text` is followed by `after` up to the line's
 * end (`end`: End; Control+End on the document's last line): End, ArrowLeft over `after`,
 * Shift+ArrowLeft over `text`.
 */
export const selectBeforeLineEnd = (page: Page, editor: Locator, text: string, after: string, { end = 'End' } = {}): Promise<void> =>
  selectWithKeys(page, editor, text, [end, ...repeat('ArrowLeft', after.length), ...repeat('Shift+ArrowLeft', text.length)])

/** Selects `text` at the very start of the document: Control+Home, Shift+ArrowRight over `text`. */
export const selectDocumentStart = (page: Page, editor: Locator, text: string): Promise<void> =>
  selectWithKeys(page, editor, text, ['Control+Home', ...repeat('Shift+ArrowRight', text.length)])
