import { createWorkspaceSchema } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { fieldErrorsOf } from '../../components/validation.ts'
import { navigate } from '../../router.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { workspaceUrl } from './sections.ts'

export function CreateWorkspaceForm() {
  const { t } = useTranslation()
  const handleError = useApiErrorHandler()
  const [name, setName] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = createWorkspaceSchema.safeParse({ name })
    if (!parsed.success) {
      setError(fieldErrorsOf(parsed.error, t).name)
      return
    }
    setError(undefined)
    setBusy(true)
    try {
      const { id } = await call(rest.workspaces.$post({ json: { name: parsed.data.name } }))
      navigate(workspaceUrl(id))
    } catch (err) {
      setError(handleError(err))
      setBusy(false)
    }
  }

  return (
    <form className="form form--inline card" onSubmit={submit} noValidate aria-labelledby="create-workspace-title">
      <h2 id="create-workspace-title">{t('workspaces.createTitle')}</h2>
      <Field label={t('workspaces.name')} hint={t('workspaces.nameHint')} error={error}>
        {(control) => <input {...control} name="workspace-name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('workspaces.create')}
      </button>
    </form>
  )
}
