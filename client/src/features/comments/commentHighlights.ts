import { Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import { DecorationSet } from '@tiptap/pm/view'
import { type CommentAnchorController, commentHighlightsKey } from './CommentAnchorController.ts'

/**
 * Highlights of commented passages as ProseMirror decorations, so the shared document schema (VAL19)
 * is untouched and nobody's edit carries comment marks. Between recomputations from the Yjs anchors,
 * the highlights move with the edits (mapped through each transaction). Ctrl+Alt+M comments the
 * selection.
 */
export const CommentHighlights = Extension.create<{ controller: CommentAnchorController | null }>({
  name: 'commentHighlights',

  addOptions() {
    return { controller: null }
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-m': () => {
        this.options.controller?.shortcut()
        return true
      },
    }
  },

  addProseMirrorPlugins() {
    const controller = this.options.controller
    if (!controller) return []
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => (tr.getMeta(commentHighlightsKey) as DecorationSet | undefined) ?? (tr.docChanged ? set.map(tr.mapping, tr.doc) : set),
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleClick: (view, pos) => {
            const found = commentHighlightsKey.getState(view.state)?.find(pos, pos)
            const threadId = (found?.[0]?.spec as { threadId?: string } | undefined)?.threadId
            if (threadId) controller.clicked(threadId)
            return false
          },
        },
        view: (view) => controller.attach(view),
      }),
    ]
  },
})
