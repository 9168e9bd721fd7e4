import { signInSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { Link, navigate } from '../../router.tsx'
import { afterSignIn } from './afterSignIn.ts'
import { useSession } from './SessionContext.tsx'

export function SignInPage() {
  const { t } = useTranslation()
  const { session, signIn } = useSession()
  const { bind, errorOf, formError, busy, onSubmit } = useSchemaForm(signInSchema, {
    defaultValues: { email: '', password: '' },
    prepare: (values) => ({ ...values, email: values.email.trim() }),
    serverFields: false,
  })
  const expired = session.status === 'signedOut' && session.expired
  // A refusal is about the pair, never one field: it shows in the banner.
  const submit = onSubmit(async (data) => {
    await signIn(data)
    navigate(afterSignIn(), { replace: true })
  })

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
        <Field label={t('auth.email')} error={errorOf('email')}>
          {(control) => <input {...control} name="email" type="email" autoComplete="email" required {...bind('email')} />}
        </Field>
        <Field label={t('auth.password')} error={errorOf('password')}>
          {(control) => <input {...control} name="password" type="password" autoComplete="current-password" required {...bind('password')} />}
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
