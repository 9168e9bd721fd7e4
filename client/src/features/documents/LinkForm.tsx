import type { Editor } from '@tiptap/react'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { isSafeUrl } from './safeUrl.ts'

/** Sets, changes or inserts a link; only http, https and mailto addresses are accepted. */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useTranslation()
  const [url, setUrl] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? 'https://')
  const [error, setError] = useState<string | undefined>()
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const href = url.trim()
    if (!isSafeUrl(href)) {
      setError(t('errors.invalidUrl'))
      return
    }
    const { empty } = editor.state.selection
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the link text.
      editor.chain().focus().insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run()
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
    }
    onClose()
  }

  return (
    <form
      className="link-form"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <Field label={t('documents.linkUrl')} hint={t('documents.linkUrlHint')} error={error}>
        {(control) => <input {...control} ref={input} type="url" name="link-url" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <div className="link-form__actions">
        <button type="submit" className="button button--primary button--small">
          {t('documents.applyLink')}
        </button>
        <button type="button" className="button button--small" onClick={close}>
          {t('documents.cancel')}
        </button>
      </div>
    </form>
  )
}
