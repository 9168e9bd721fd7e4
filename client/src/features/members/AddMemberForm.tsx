import { addMemberSchema, type Role, ROLES } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, params, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useToasts } from '../../components/Toasts.tsx'
import { type FieldErrors, fieldErrorsOf } from '../../components/validation.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function AddMemberForm() {
  const { t } = useTranslation()
  const { workspace, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('editor')
  const [partnerId, setPartnerId] = useState('')
  const [representative, setRepresentative] = useState(false)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = addMemberSchema.safeParse({ email: email.trim(), role, partnerId: partnerId || null, representative: partnerId ? representative : false })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest.workspaces[':workspaceId'].members.$post({ param: params({ workspaceId: workspace.id }), json: parsed.data }))
      notify(t('members.invited', { email: parsed.data.email }), 'success')
      setEmail('')
      setRepresentative(false)
      await reload()
    } catch (error) {
      const message = handleError(error)
      setErrors(error instanceof ApiError && error.field ? { [error.field]: message } : { email: message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form form--row" onSubmit={submit} noValidate aria-labelledby="add-member-title">
      <h3 id="add-member-title">{t('members.addMember')}</h3>
      <Field label={t('members.email')} hint={t('members.emailHint')} error={errors.email}>
        {(control) => <input {...control} name="member-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
      </Field>
      <Field label={t('members.role')} error={errors.role}>
        {(control) => (
          <select {...control} name="member-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('members.partner')} error={errors.partnerId}>
        {(control) => (
          <select {...control} name="member-partner" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
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
        <input
          id="add-member-representative"
          type="checkbox"
          checked={representative}
          disabled={!partnerId}
          onChange={(e) => setRepresentative(e.target.checked)}
        />
        <label htmlFor="add-member-representative">{t('members.isRepresentative')}</label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('common.add')}
      </button>
    </form>
  )
}
