import { changePasswordSchema, passwordProblem, updateUserSchema } from '@ensemble/shared'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { type FieldErrors, fieldErrorsOf, issueMessage } from '../../components/validation.ts'
import { useApiErrorHandler } from '../auth/useApiErrorHandler.ts'
import { useMe, useSession } from '../auth/SessionContext.tsx'

/**
 * `/compte`, « Mon compte » (ACCT22), reached from the header: one's address (read only), one's
 * name (bounded like at sign-up, ACCT10) and one's password (the current one required, the policy's
 * reasons in French, ACCT13; the other sessions end, ACCT12). Two labelled sections with a form
 * each; what each form did is announced (role="status"), what went wrong sits beside its field.
 */
export function AccountPage() {
  const { t } = useTranslation()
  const me = useMe()
  useEffect(() => {
    document.title = `${t('account.title')} — ${t('app.name')}`
  }, [t])
  return (
    <div className="page page--narrow account-page">
      <h1 tabIndex={-1}>{t('account.title')}</h1>
      <p className="muted">{t('account.intro')}</p>
      <NameSection key={me.id} initialName={me.name} email={me.email} />
      <PasswordSection email={me.email} name={me.name} />
    </div>
  )
}

function NameSection({ initialName, email }: { initialName: string; email: string }) {
  const { t } = useTranslation()
  const { refresh } = useSession()
  const handleError = useApiErrorHandler()
  const headingId = useId()
  const [name, setName] = useState(initialName)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    setSaved(false)
    const parsed = updateUserSchema.safeParse({ name })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest.auth['update-user'].$post({ json: { name: parsed.data.name } }))
      await refresh()
      setName(parsed.data.name)
      setSaved(true)
    } catch (error) {
      const message = handleError(error)
      if (error instanceof ApiError && error.field === 'name') setErrors({ name: message })
      else setFormError(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="account-page__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.identity')}</h2>
      <dl className="account-page__facts">
        <dt>{t('account.email')}</dt>
        <dd data-testid="account-email">{email}</dd>
      </dl>
      <p className="field__hint">{t('account.emailNote')}</p>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('account.name')} error={errors.name}>
          {(control) => (
            <input
              {...control}
              name="name"
              autoComplete="name"
              required
              value={name}
              onChange={(e) => {
                setName(e.target.value)
                setSaved(false)
              }}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('account.saving') : t('account.saveName')}
        </button>
        <p className="account-page__status" role="status">
          {saved ? t('account.nameSaved') : ''}
        </p>
      </form>
    </section>
  )
}

function PasswordSection({ email, name }: { email: string; name: string }) {
  const { t } = useTranslation()
  const handleError = useApiErrorHandler()
  const headingId = useId()
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [changed, setChanged] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [key]: event.target.value }))
    setChanged(false)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    setChanged(false)
    const parsed = changePasswordSchema.safeParse(values)
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    // The rules that need no list are checked here too, with one's address and name (ACCT13).
    const problem = passwordProblem(values.newPassword, { email, name })
    if (problem) {
      setErrors({ newPassword: issueMessage({ code: 'custom', path: ['newPassword'], message: problem }, t) })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest.auth['change-password'].$post({ json: { currentPassword: values.currentPassword, newPassword: values.newPassword } }))
      setValues({ currentPassword: '', newPassword: '' })
      setChanged(true)
    } catch (error) {
      // better-auth's INVALID_PASSWORD names the current password; a policy reason, the new one.
      if (error instanceof ApiError && error.reason === 'INVALID_PASSWORD') setErrors({ currentPassword: t('account.wrongCurrent') })
      else if (error instanceof ApiError && error.field === 'newPassword') setErrors({ newPassword: handleError(error) })
      else setFormError(handleError(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="account-page__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.password')}</h2>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={headingId}>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {/* The account's address, for password managers. */}
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('account.currentPassword')} error={errors.currentPassword}>
          {(control) => (
            <input {...control} name="currentPassword" type="password" autoComplete="current-password" required value={values.currentPassword} onChange={set('currentPassword')} />
          )}
        </Field>
        <Field label={t('account.newPassword')} hint={`${t('auth.passwordHint')} ${t('account.endsOthers')}`} error={errors.newPassword}>
          {(control) => <input {...control} name="newPassword" type="password" autoComplete="new-password" required value={values.newPassword} onChange={set('newPassword')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('account.saving') : t('account.changePassword')}
        </button>
        <p className="account-page__status" role="status">
          {changed ? t('account.passwordChanged') : ''}
        </p>
      </form>
    </section>
  )
}
