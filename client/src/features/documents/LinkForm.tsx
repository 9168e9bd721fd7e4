import { bodyLinkHref, parseBodyLink } from '@ensemble/shared'
import type { Editor } from '@tiptap/react'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { BodySelect } from '../governance/BodySelect.tsx'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'
import { isSafeUrl } from './safeUrl.ts'

type LinkKind = 'web' | 'body'

/**
 * Sets, changes or inserts a link: to an http, https or mailto address, or to one of the alliance's
 * governance bodies (GOV25), whose same-origin address opens its card in the app.
 */
export function LinkForm({ editor, onClose }: { editor: Editor; onClose(): void }) {
  const { t } = useTranslation()
  const { workspace } = useWorkspace()
  const current = (editor.getAttributes('link').href as string | undefined) ?? null
  const currentBody = parseBodyLink(current)
  const [kind, setKind] = useState<LinkKind>(currentBody ? 'body' : 'web')
  const [url, setUrl] = useState(() => (currentBody ? null : current) ?? 'https://')
  const [body, setBody] = useState({ id: currentBody?.bodyId ?? '', name: '' })
  const [error, setError] = useState<string | undefined>()
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (kind !== 'web') return
    input.current?.focus()
    input.current?.select()
  }, [kind])

  const close = () => {
    onClose()
    editor.commands.focus()
  }

  const apply = (href: string, text: string) => {
    // A body link stays in the app: no new tab (target null), as the seed writes it.
    const attrs = { href, target: kind === 'body' ? null : '_blank' }
    const { empty } = editor.state.selection
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address (or the body's name) becomes the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text, marks: [{ type: 'link', attrs }] })
        .run()
    } else {
      editor.chain().focus().extendMarkRange('link').setLink(attrs).run()
    }
    onClose()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (kind === 'body') {
      if (!body.id) return setError(t('charterLinks.chooseBodyError'))
      return apply(bodyLinkHref(workspace.id, body.id), body.name || body.id)
    }
    const href = url.trim()
    if (!isSafeUrl(href)) return setError(t('errors.invalidUrl'))
    apply(href, href)
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
      <fieldset className="link-form__kind">
        <legend>{t('charterLinks.kind')}</legend>
        {(['web', 'body'] as const).map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="link-kind"
              value={k}
              checked={kind === k}
              onChange={() => {
                setKind(k)
                setError(undefined)
              }}
            />{' '}
            {t(k === 'web' ? 'charterLinks.toWeb' : 'charterLinks.toBody')}
          </label>
        ))}
      </fieldset>
      {kind === 'web' ? (
        <Field label={t('documents.linkUrl')} hint={t('documents.linkUrlHint')} error={error}>
          {(control) => <input {...control} ref={input} type="url" name="link-url" value={url} onChange={(e) => setUrl(e.target.value)} />}
        </Field>
      ) : (
        <BodySelect
          value={body.id}
          error={error}
          onChange={(id, name) => {
            setBody({ id, name })
            setError(undefined)
          }}
        />
      )}
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
