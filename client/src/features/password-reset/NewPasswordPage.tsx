import { PASSWORD_RESET_INVALID, passwordProblem, type PasswordResetPreview, passwordResetSchema } from '@ensemble/shared'
import { useQuery } from '@tanstack/react-query'
import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { call, params, rest } from '../../api/client.ts'
import { queryKeys } from '../../api/queryKeys.ts'
import { Field } from '../../components/Field.tsx'
import { apiErrorMessage, type FieldErrors, fieldErrorsOf, issueMessage } from '../../components/validation.ts'
import { formatInstant } from '../../i18n/format.ts'
import { currentLocale } from '../../i18n/index.ts'
import { Link, navigate } from '../../router.tsx'
import { useSession } from '../auth/SessionContext.tsx'

type Loaded = { status: 'loading' } | { status: 'invalid' } | { status: 'error'; message: string } | { status: 'ready'; preview: PasswordResetPreview }

/**
 * `/nouveau-mot-de-passe/:token`, the page a reset mail links to (ACCT18–ACCT21), signed in or out.
 * The person chooses a new password (the policy's reasons in French), which ends every session of
 * the account, then is signed in with it.
 */
export function NewPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { signIn } = useSession()
  // The link is read once (a language switch must not read it again).
  const read = useQuery({ queryKey: queryKeys.passwordReset(token), queryFn: () => call(rest['password-reset'][':token'].$get({ param: params({ token }) })), staleTime: Infinity })
  // A link found spent on submitting (used in another tab meanwhile) shows as invalid.
  const [spent, setSpent] = useState(false)
  const loaded: Loaded =
    spent ? { status: 'invalid' }
    : read.status === 'pending' ? { status: 'loading' }
    : read.status === 'success' ? { status: 'ready', preview: read.data }
    : read.error instanceof ApiError && read.error.reason === PASSWORD_RESET_INVALID ? { status: 'invalid' }
    : { status: 'error', message: apiErrorMessage(read.error, t) }
  const [values, setValues] = useState({ newPassword: '', confirm: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }))

  useEffect(() => {
    document.title = `${t('passwordReset.newTitle')} — ${t('app.name')}`
  }, [t])

  if (loaded.status === 'loading') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p aria-busy="true">{t('passwordReset.loading')}</p>
      </div>
    )
  }
  if (loaded.status !== 'ready') {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p className="notice notice--error" role="alert">
          {loaded.status === 'invalid' ? t('passwordReset.invalid') : loaded.message}
        </p>
        <p className="auth__switch">
          <Link to="/mot-de-passe-oublie">{t('passwordReset.askAgain')}</Link>
        </p>
      </div>
    )
  }

  const { email } = loaded.preview
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    const parsed = passwordResetSchema.safeParse({ newPassword: values.newPassword })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    // The rules that need no list are checked here too, with the account's address (ACCT13).
    const problem = passwordProblem(values.newPassword, { email })
    if (problem) {
      setErrors({ newPassword: issueMessage({ code: 'custom', path: ['newPassword'], message: problem }, t) })
      return
    }
    if (values.confirm !== values.newPassword) {
      setErrors({ confirm: t('passwordReset.mismatch') })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest['password-reset'][':token'].$post({ param: params({ token }), json: { newPassword: values.newPassword } }))
    } catch (error) {
      const message = apiErrorMessage(error, t)
      if (error instanceof ApiError && error.field === 'newPassword') setErrors({ newPassword: message })
      else if (error instanceof ApiError && error.reason === PASSWORD_RESET_INVALID) setSpent(true)
      else setFormError(message)
      setBusy(false)
      return
    }
    // Every session of the account has ended, this browser's too: sign in with the new password.
    try {
      await signIn({ email, password: values.newPassword })
      navigate('/alliances', { replace: true })
    } catch {
      setDone(true)
      setBusy(false)
    }
  }

  if (done) {
    return (
      <div className="auth">
        <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
        <p className="notice" role="status">
          {t('passwordReset.done')}
        </p>
        <p className="auth__switch">
          <Link to="/connexion">{t('auth.goSignIn')}</Link>
        </p>
      </div>
    )
  }

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('passwordReset.newTitle')}</h1>
      <p className="auth__intro">{t('passwordReset.forAccount', { email, date: formatInstant(loaded.preview.expiresAt, currentLocale(), 'long') })}</p>
      <form className="form" onSubmit={submit} noValidate>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        {/* The account's address, for password managers; not editable. */}
        <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
        <Field label={t('passwordReset.newPassword')} hint={t('auth.passwordHint')} error={errors.newPassword}>
          {(control) => <input {...control} name="newPassword" type="password" autoComplete="new-password" required value={values.newPassword} onChange={set('newPassword')} />}
        </Field>
        <Field label={t('passwordReset.confirm')} error={errors.confirm}>
          {(control) => <input {...control} name="confirm" type="password" autoComplete="new-password" required value={values.confirm} onChange={set('confirm')} />}
        </Field>
        <p className="field__hint">{t('passwordReset.endsSessions')}</p>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('passwordReset.saving') : t('passwordReset.save')}
        </button>
      </form>
    </div>
  )
}
