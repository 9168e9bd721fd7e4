import { createWorkspaceSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { navigate } from '../../router.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { workspaceUrl } from './sections.ts'

export function CreateWorkspaceForm() {
  const { t } = useTranslation()
  const { bind, errorOf, busy, onSubmit } = useSchemaForm(createWorkspaceSchema, {
    defaultValues: { name: '' },
    describe: useApiErrorHandler(),
    // The form has one field: whatever the server refuses is said beside it.
    fallbackField: 'name',
  })
  const submit = onSubmit(async ({ name }) => {
    const { id } = await call(rest.workspaces.$post({ json: { name } }))
    navigate(workspaceUrl(id))
  })

  return (
    <form className="form form--inline card" onSubmit={submit} noValidate aria-labelledby="create-workspace-title">
      <h2 id="create-workspace-title">{t('workspaces.createTitle')}</h2>
      <Field label={t('workspaces.name')} hint={t('workspaces.nameHint')} error={errorOf('name')}>
        {(control) => <input {...control} name="workspace-name" {...bind('name')} />}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('workspaces.create')}
      </button>
    </form>
  )
}
