import { ROOT, type RichTextNode } from '@ensemble/shared'
import { EditorContent, useEditor } from '@tiptap/react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { richTextExtensions, richTextSchema } from '../documents/richTextExtensions.ts'
import { versionDocument } from './proseMirrorJson.ts'

/**
 * A version's text rendered by TipTap with the editor's own extensions, read-only: the same headings,
 * lists, tables and links the document shows, with nothing that can be typed into.
 */
export function VersionContent({ document, label }: { document: Record<string, unknown>; label: string }) {
  const { t } = useTranslation()
  const content = useMemo(() => {
    try {
      return { json: versionDocument((document[ROOT.content] ?? []) as RichTextNode[], richTextSchema()), error: null }
    } catch (err) {
      return { json: null, error: err instanceof Error ? err.message : String(err) }
    }
  }, [document])
  const editor = useEditor(
    {
      editable: false,
      extensions: richTextExtensions(),
      content: content.json ?? undefined,
      editorProps: {
        attributes: {
          class: 'prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-readonly': 'true',
          'aria-label': label,
          'data-testid': 'version-content',
        },
      },
    },
    [content],
  )
  if (content.error) return <p role="alert">{t('history.viewer.broken', { message: content.error })}</p>
  return <EditorContent editor={editor} className="version-content" />
}
