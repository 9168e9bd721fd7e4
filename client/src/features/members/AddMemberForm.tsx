import { addMemberSchema, type Role, ROLES } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { call, params, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { useToasts } from '../../components/Toasts.tsx'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function AddMemberForm() {
  const { t } = useTranslation()
  const { workspace, reload } = useWorkspace()
  const { notify } = useToasts()
  const { values, bind, bindCheckbox, set, errorOf, busy, onSubmit } = useSchemaForm(addMemberSchema, {
    defaultValues: { email: '', role: 'editor' as Role, partnerId: '', representative: false },
    // No partner is null; only a partner's member can be its representative.
    prepare: (v) => ({ email: v.email.trim(), role: v.role, partnerId: v.partnerId || null, representative: v.partnerId ? v.representative : false }),
    describe: useApiErrorHandler(),
    fallbackField: 'email',
  })
  const submit = onSubmit(async (data) => {
    await call(rest.workspaces[':workspaceId'].members.$post({ param: params({ workspaceId: workspace.id }), json: data }))
    notify(t('members.invited', { email: data.email }), 'success')
    set('email', '')
    set('representative', false)
    await reload()
  })

  return (
    <form className="form form--row" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('members.addMember')}</h3>
      <Field label={t('members.email')} hint={t('members.emailHint')} error={errorOf('email')}>
        {(control) => <input {...control} name="member-email" type="email" autoComplete="off" {...bind('email')} />}
      </Field>
      <Field label={t('members.role')} error={errorOf('role')}>
        {(control) => (
          <select {...control} name="member-role" {...bind('role')}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('members.partner')} error={errorOf('partnerId')}>
        {(control) => (
          <select {...control} name="member-partner" {...bind('partnerId')}>
            <option value="">{t('members.noPartner')}</option>
            {workspace.partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field field--checkbox">
        <input id="add-member-representative" type="checkbox" disabled={!values.partnerId} {...bindCheckbox('representative')} />
        <label htmlFor="add-member-representative">{t('members.isRepresentative')}</label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('common.add')}
      </button>
    </form>
  )
}
