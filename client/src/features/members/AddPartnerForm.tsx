import { createPartnerSchema, familyOf, PARTNER_TYPES, type PartnerType } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, params, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { useToasts } from '../../components/Toasts.tsx'
import { type FieldErrors, fieldErrorsOf } from '../../components/validation.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useWorkspace } from '../workspaces/WorkspaceContext.tsx'

export function AddPartnerForm() {
  const { t } = useTranslation()
  const { workspace, reload } = useWorkspace()
  const { notify } = useToasts()
  const handleError = useApiErrorHandler()
  const [name, setName] = useState('')
  const [type, setType] = useState<PartnerType>('association')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = createPartnerSchema.safeParse({ name, type })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest.workspaces[':workspaceId'].partners.$post({ param: params({ workspaceId: workspace.id }), json: parsed.data }))
      notify(t('members.partnerAdded', { name: parsed.data.name }), 'success')
      setName('')
      await reload()
    } catch (error) {
      const message = handleError(error)
      setErrors(error instanceof ApiError && error.field ? { [error.field]: message } : { name: message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="form form--row" onSubmit={submit} noValidate aria-labelledby="add-partner-title">
      <h3 id="add-partner-title">{t('members.addPartner')}</h3>
      <Field label={t('members.partnerName')} error={errors.name}>
        {(control) => <input {...control} name="partner-name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <Field label={t('members.partnerType')} hint={t('members.familyOf', { family: t(`families.${familyOf(type)}`) })} error={errors.type}>
        {(control) => (
          <select {...control} name="partner-type" value={type} onChange={(e) => setType(e.target.value as PartnerType)}>
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
