import { contentOf } from '@ensemble/shared'
import { Extension } from '@tiptap/core'
import Collaboration from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import { EditorContent, useEditor } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollabDoc } from '../collab/useCollabDoc.ts'
import type { CommentAnchorController } from '../comments/CommentAnchorController.ts'
import { CommentHighlights } from '../comments/commentHighlights.ts'
import { renderCaret } from './caret.ts'
import { EditorToolbar } from './EditorToolbar.tsx'
import { followBodyLink, followBodyLinkAtCaret } from './bodyLinkNavigation.ts'
import { LinkForm } from './LinkForm.tsx'
import { ReadOnlyKeyboard } from './readOnlyKeyboard.ts'
import { richTextExtensions } from './richTextExtensions.ts'

interface DocumentEditorProps {
  collab: CollabDoc
  title: string
  /** False for observers and commenters, and once the document is adopted. */
  canEdit: boolean
  /** Highlights of commented passages and the selection to comment (stable for the document). */
  comments?: CommentAnchorController
}

/**
 * The rich-text editor bound to the document's `content` fragment. Undo/redo is Yjs's (per user),
 * not ProseMirror's history, which would undo other people's typing.
 */
export function DocumentEditor({ collab, title, canEdit, comments }: DocumentEditorProps) {
  const { t } = useTranslation()
  const [linkOpen, setLinkOpen] = useState(false)
  const openLink = useRef(() => setLinkOpen(true))
  const { doc, provider, user, synced } = collab
  const editable = canEdit && synced
  const label = t('documents.editorLabel', { title })

  const editor = useEditor(
    {
      // Nothing is typed before the first sync: an early empty paragraph would duplicate the server's.
      // Created after it (the document was preloaded), it starts editable: each later change of
      // `editable` or of the attributes re-renders the whole document once more.
      editable,
      extensions: [
        ...richTextExtensions(),
        Collaboration.configure({ fragment: contentOf(doc) }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
        CommentHighlights.configure({ controller: comments ?? null }),
        ReadOnlyKeyboard.configure({ shortcuts: comments ? [{ key: 'm', run: () => comments.shortcut() }] : [] }),
        Extension.create({
          name: 'ensembleShortcuts',
          addKeyboardShortcuts: () => ({
            'Mod-k': () => {
              openLink.current()
              return true
            },
            // GOV25: follow a link to a governance body from the keyboard.
            'Alt-Enter': ({ editor: e }) => followBodyLinkAtCaret(e),
          }),
        }),
      ],
      editorProps: {
        handleDOMEvents: { click: (view, event) => followBodyLink(event, view.editable) },
        attributes: {
          id: 'document-editor',
          class: 'prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
          'aria-readonly': String(!editable),
          'data-testid': 'document-editor',
        },
      },
    },
    [doc, provider],
  )

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable)
  }, [editor, editable])

  // The name and colour travel with the caret; keep them current if they change.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.commands.updateUser(user)
  }, [editor, user])

  useEffect(() => {
    const attributes = (editor?.options.editorProps.attributes ?? {}) as Record<string, string>
    // Only on a change: setting them re-renders the document.
    if (!editor || (attributes['aria-label'] === label && attributes['aria-readonly'] === String(!editable))) return
    editor.setOptions({ editorProps: { attributes: { ...attributes, 'aria-label': label, 'aria-readonly': String(!editable) } } })
  }, [editor, label, editable])

  if (!editor) return null
  return (
    <div className={`document-editor${editable ? '' : ' document-editor--readonly'}`}>
      {canEdit && <EditorToolbar editor={editor} onLink={() => setLinkOpen(true)} />}
      {linkOpen && <LinkForm editor={editor} onClose={() => setLinkOpen(false)} />}
      {!synced && (
        <p className="muted document-editor__loading" aria-busy="true">
          {t('documents.syncing')}
        </p>
      )}
      <EditorContent editor={editor} className="document-editor__surface" />
    </div>
  )
}
