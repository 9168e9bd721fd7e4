import { COMMENT_LIMITS, type CommentAnchor } from '@ensemble/shared'
import type { EditorView } from '@tiptap/pm/view'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { PluginKey, TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { encodeAnchor, type ProsemirrorMapping, resolveAnchor } from './anchors.ts'

/**
 * How long anchored text must stay gone before the thread is orphaned: an undo (or a cut and paste
 * back) within that time brings the anchor back.
 */
export const ORPHAN_GRACE_MS = 2000

export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights')

export interface AnchoredThread {
  id: string
  anchor: CommentAnchor | null
  orphaned: boolean
  quote: string | null
  /** Only open threads are highlighted; every anchored thread is watched for deletion. */
  status: 'open' | 'resolved'
}

interface Callbacks {
  /** A highlight was clicked. */
  onSelectThread(threadId: string): void
  /** The anchored text is gone: the page marks the thread orphaned with the last quote seen. */
  onAnchorGone(threadId: string, lastQuote: string | undefined): void
  /** Ctrl+Alt+M in the editor. */
  onCommentShortcut(): void
}

interface Binding {
  type: Y.XmlFragment
  mapping: ProsemirrorMapping
}

/**
 * Between the comment threads of a page and its editor: it turns anchors into highlights
 * (ProseMirror decorations, never document marks) each time the Yjs document or the threads change,
 * reports anchors whose text was deleted, and turns the current selection into a new anchor.
 */
export class CommentAnchorController {
  private view: EditorView | null = null
  private threads: AnchoredThread[] = []
  private focusedId: string | null = null
  private synced = false
  private timer: number | undefined
  private signature = ''
  private readonly lastQuote = new Map<string, string>()
  private readonly reported = new Set<string>()
  private readonly goneSince = new Map<string, number>()
  private readonly selectionListeners = new Set<() => void>()
  private hasSelection = false

  /** True once the ySync binding exists (it is set up a tick after the editor view). */
  private bound = false

  constructor(
    private readonly fragment: Y.XmlFragment,
    private readonly callbacks: Callbacks,
  ) {}

  setThreads(threads: AnchoredThread[], focusedId: string | null): void {
    this.threads = threads
    this.focusedId = focusedId
    this.schedule()
  }

  /** Orphans are only concluded once the document was loaded from the server. */
  setSynced(synced: boolean): void {
    this.synced = synced
    this.schedule()
  }

  // --- for the plugin ---------------------------------------------------------------------

  attach(view: EditorView): { update(view: EditorView): void; destroy(): void } {
    this.view = view
    this.bound = false
    this.signature = ''
    const fragment = this.fragment
    const onChange = () => this.schedule()
    fragment.observeDeep(onChange)
    this.schedule()
    return {
      update: (v) => {
        this.selectionChanged(!v.state.selection.empty)
        if (!this.bound && this.binding()) {
          this.bound = true
          this.schedule()
        }
      },
      destroy: () => {
        fragment.unobserveDeep(onChange)
        window.clearTimeout(this.timer)
        if (this.view === view) this.view = null
      },
    }
  }

  clicked(threadId: string): void {
    this.callbacks.onSelectThread(threadId)
  }

  shortcut(): void {
    this.callbacks.onCommentShortcut()
  }

  // --- selection -> anchor ----------------------------------------------------------------

  subscribeSelection = (listener: () => void): (() => void) => {
    this.selectionListeners.add(listener)
    return () => this.selectionListeners.delete(listener)
  }

  getHasSelection = (): boolean => this.hasSelection

  private selectionChanged(has: boolean): void {
    if (has === this.hasSelection) return
    this.hasSelection = has
    for (const l of this.selectionListeners) l()
  }

  /** The current selection as an anchor with its quote, or null when nothing is selected. */
  captureSelection(): CommentAnchor | null {
    const view = this.view
    const binding = this.binding()
    if (!view || !binding) return null
    const { from, to, empty } = view.state.selection
    const quote = view.state.doc.textBetween(from, to, ' ').trim().slice(0, COMMENT_LIMITS.quoteLength)
    if (empty || !quote) return null
    return encodeAnchor(binding.type, binding.mapping, from, to, quote)
  }

  /** Selects a thread's passage in the editor and scrolls to it. */
  reveal(threadId: string): boolean {
    const view = this.view
    const binding = this.binding()
    const thread = this.threads.find((t) => t.id === threadId)
    if (!view || !binding || !thread?.anchor) return false
    const state = resolveAnchor(thread.anchor, binding.type, binding.mapping)
    if (state.kind !== 'live') return false
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, state.from, state.to)).scrollIntoView())
    view.focus()
    return true
  }

  // --- highlights -------------------------------------------------------------------------

  private binding(): Binding | null {
    if (!this.view) return null
    const state = ySyncPluginKey.getState(this.view.state) as { binding?: Binding | null } | undefined
    return state?.binding ?? null
  }

  private maybeOrphan(thread: AnchoredThread): void {
    const since = this.goneSince.get(thread.id)
    if (since === undefined) {
      this.goneSince.set(thread.id, Date.now())
      window.setTimeout(() => this.schedule(), ORPHAN_GRACE_MS)
      return
    }
    if (Date.now() - since < ORPHAN_GRACE_MS) return
    this.reported.add(thread.id)
    this.callbacks.onAnchorGone(thread.id, this.lastQuote.get(thread.id) ?? thread.anchor?.quote ?? thread.quote ?? undefined)
  }

  /** Coalesces bursts of changes; runs after the ySync binding has applied them to the editor. */
  private schedule(): void {
    if (this.timer !== undefined) return
    this.timer = window.setTimeout(() => {
      this.timer = undefined
      this.recompute()
    }, 0)
  }

  private recompute(): void {
    const view = this.view
    const binding = this.binding()
    if (!view || !binding || view.isDestroyed) return
    const decorations: Decoration[] = []
    const size = view.state.doc.content.size
    for (const thread of this.threads) {
      if (!thread.anchor?.from || thread.orphaned) continue
      const state = resolveAnchor(thread.anchor, binding.type, binding.mapping)
      if (state.kind === 'live' && state.to <= size)
        this.lastQuote.set(thread.id, view.state.doc.textBetween(state.from, state.to, ' ').slice(0, COMMENT_LIMITS.quoteLength))
      if (state.kind === 'live' && state.to <= size && thread.status === 'open') {
        const active = thread.id === this.focusedId
        decorations.push(
          Decoration.inline(
            state.from,
            state.to,
            { class: `comment-anchor${active ? ' comment-anchor--active' : ''}`, 'data-thread-id': thread.id },
            { threadId: thread.id },
          ),
        )
      }
      if (state.kind !== 'gone') this.goneSince.delete(thread.id)
      else if (this.synced && !this.reported.has(thread.id)) this.maybeOrphan(thread)
    }
    const signature = `${decorations.map((d) => `${d.from}-${d.to}-${(d.spec as { threadId: string }).threadId}`).join()}|${this.focusedId}`
    if (signature === this.signature) return
    this.signature = signature
    view.dispatch(view.state.tr.setMeta(commentHighlightsKey, DecorationSet.create(view.state.doc, decorations)).setMeta('addToHistory', false))
  }
}
