import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

type Granularity = 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary'
/** Chromium's and Firefox's `Selection.modify` (not in the DOM typings). */
type Modifiable = Selection & { modify?(alter: 'move' | 'extend', direction: 'forward' | 'backward', granularity: Granularity): void }

const MOVES: Record<string, { direction: 'forward' | 'backward'; granularity: Granularity; withCtrl?: Granularity }> = {
  ArrowRight: { direction: 'forward', granularity: 'character', withCtrl: 'word' },
  ArrowLeft: { direction: 'backward', granularity: 'character', withCtrl: 'word' },
  ArrowDown: { direction: 'forward', granularity: 'line' },
  ArrowUp: { direction: 'backward', granularity: 'line' },
  End: { direction: 'forward', granularity: 'lineboundary', withCtrl: 'documentboundary' },
  Home: { direction: 'backward', granularity: 'lineboundary', withCtrl: 'documentboundary' },
}

/** Puts a collapsed selection at the start of the text when the selection is elsewhere. */
function caretIntoView(view: EditorView): void {
  const selection = view.dom.ownerDocument.getSelection()
  if (!selection || (selection.anchorNode && view.dom.contains(selection.anchorNode))) return
  const walker = view.dom.ownerDocument.createTreeWalker(view.dom, NodeFilter.SHOW_TEXT)
  const first = walker.nextNode()
  if (first) selection.collapse(first, 0)
}

/**
 * EDGE6: a read-only document (observers, commenters, an adopted text) stays reachable and
 * selectable from the keyboard, so a passage can be commented without a mouse. ProseMirror hands
 * keys to its keymaps only while editable, and a non-editable element has no caret to move, so
 * here, while not editable: the surface takes the focus (tabindex), the arrows, Home and End move
 * the selection (Shift extends it, Ctrl by word or to the document's ends) through the browser's
 * `Selection.modify`, Ctrl+A selects the document, and `shortcuts` (e.g. Ctrl+Alt+M to comment) run.
 * ProseMirror reads the selection from the DOM as it does for the mouse.
 */
export const ReadOnlyKeyboard = Extension.create<{ shortcuts: { key: string; run(): void }[] }>({
  name: 'readOnlyKeyboard',

  addOptions() {
    return { shortcuts: [] }
  },

  addProseMirrorPlugins() {
    const { shortcuts } = this.options
    return [
      new Plugin({
        key: new PluginKey('readOnlyKeyboard'),
        props: {
          attributes: { tabindex: '0' },
          handleDOMEvents: {
            focus: (view) => {
              if (!view.editable) caretIntoView(view)
              return false
            },
            keydown: (view, event) => {
              if (view.editable || event.defaultPrevented) return false
              const mod = event.ctrlKey || event.metaKey
              const shortcut = shortcuts.find((s) => s.key === event.key.toLowerCase() && mod && event.altKey)
              if (shortcut) {
                event.preventDefault()
                shortcut.run()
                return true
              }
              const selection = view.dom.ownerDocument.getSelection() as Modifiable | null
              if (!selection) return false
              if (mod && !event.altKey && event.key.toLowerCase() === 'a') {
                event.preventDefault()
                selection.selectAllChildren(view.dom)
                return true
              }
              const move = MOVES[event.key]
              if (!move || event.altKey || !selection.modify) return false
              event.preventDefault()
              caretIntoView(view)
              selection.modify(event.shiftKey ? 'extend' : 'move', move.direction, (mod && move.withCtrl) || move.granularity)
              return true
            },
          },
        },
      }),
    ]
  },
})
