import { signInSchema } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { apiErrorMessage, type FieldErrors, fieldErrorsOf } from '../../components/validation.ts'
import { Link, navigate } from '../../router.tsx'
import { afterSignIn } from './afterSignIn.ts'
import { useSession } from './SessionContext.tsx'

export function SignInPage() {
  const { t } = useTranslation()
  const { session, signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const expired = session.status === 'signedOut' && session.expired

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    const parsed = signInSchema.safeParse({ email: email.trim(), password })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await signIn(parsed.data)
      navigate(afterSignIn(), { replace: true })
    } catch (error) {
      setFormError(apiErrorMessage(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('auth.signInTitle')}</h1>
      <p className="auth__intro">{t('auth.intro')}</p>
      {expired && <p className="notice notice--warning">{t('auth.sessionExpired')}</p>}
      <form className="form" onSubmit={submit} noValidate aria-describedby={formError ? 'signin-error' : undefined}>
        {formError && (
          <p className="form__error" id="signin-error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('auth.email')} error={errors.email}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label={t('auth.password')} error={errors.password}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('auth.submitting') : t('auth.signIn')}
        </button>
      </form>
      <p className="auth__switch">
        <Link to="/mot-de-passe-oublie">{t('passwordReset.forgotLink')}</Link>
      </p>
      <p className="auth__switch">
        {t('auth.noAccount')} <Link to="/inscription">{t('auth.goSignUp')}</Link>
      </p>
    </div>
  )
}
