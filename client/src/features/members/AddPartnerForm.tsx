import { createPartnerSchema, familyOf, PARTNER_TYPES, type PartnerType } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function AddPartnerForm() {
  const { t } = useTranslation()
  const { workspace, reload } = useWorkspace()
  const { notify } = useToasts()
  const { values, bind, set, errorOf, busy, onSubmit } = useSchemaForm(createPartnerSchema, {
    defaultValues: { name: '', type: 'association' as PartnerType },
    describe: useApiErrorHandler(),
    fallbackField: 'name',
  })
  const submit = onSubmit(async (data) => {
    await call(rest.workspaces[':workspaceId'].partners.$post({ param: params({ workspaceId: workspace.id }), json: data }))
    notify(t('members.partnerAdded', { name: data.name }), 'success')
    set('name', '')
    await reload()
  })

  return (
    <form className="form form--row" onSubmit={submit} noValidate aria-labelledby="add-partner-title">
      <h3 id="add-partner-title">{t('members.addPartner')}</h3>
      <Field label={t('members.partnerName')} error={errorOf('name')}>
        {(control) => <input {...control} name="partner-name" {...bind('name')} />}
      </Field>
      <Field label={t('members.partnerType')} hint={t('members.familyOf', { family: t(`families.${familyOf(values.type)}`) })} error={errorOf('type')}>
        {(control) => (
          <select {...control} name="partner-type" {...bind('type')}>
            {PARTNER_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`partnerTypes.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('common.add')}
      </button>
    </form>
  )
}
