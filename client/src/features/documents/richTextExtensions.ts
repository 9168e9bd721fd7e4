import { type Extensions, getSchema } from '@tiptap/core'
import type { Schema } from '@tiptap/pm/model'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { isSafeUrl } from './safeUrl.ts'

/**
 * The extensions that define the rich-text schema (shared/src/rules/richText.ts checks the same one on
 * the server). Free of DOM and collaboration, so headless code (comment anchors, their tests) can
 * build the editor's exact schema with `getSchema(richTextExtensions())`.
 */
export function richTextExtensions(): Extensions {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        protocols: ['mailto'],
        isAllowedUri: (url) => isSafeUrl(url),
        shouldAutoLink: (url) => isSafeUrl(url),
        HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}

/** The ProseMirror schema of every rich-text document. */
export const richTextSchema = (): Schema => getSchema(richTextExtensions())
