import { signUpSchema } from '@ensemble/shared'
import { useTranslation } from 'react-i18next'
import { Field } from '../../components/Field.tsx'
import { useSchemaForm } from '../../components/form/useSchemaForm.ts'
import { Link, navigate } from '../../router.tsx'
import { afterSignIn } from './afterSignIn.ts'
import { useSession } from './SessionContext.tsx'

export function SignUpPage() {
  const { t } = useTranslation()
  const { signUp } = useSession()
  const { bind, errorOf, formError, busy, onSubmit } = useSchemaForm(signUpSchema, {
    defaultValues: { name: '', email: '', password: '' },
    prepare: (values) => ({ ...values, email: values.email.trim() }),
  })
  const submit = onSubmit(async (data) => {
    await signUp(data)
    navigate(afterSignIn(), { replace: true })
  })

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('auth.signUpTitle')}</h1>
      <p className="auth__intro">{t('auth.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}
        <Field label={t('auth.name')} error={errorOf('name')}>
          {(control) => <input {...control} name="name" autoComplete="name" required {...bind('name')} />}
        </Field>
        <Field label={t('auth.email')} error={errorOf('email')}>
          {(control) => <input {...control} name="email" type="email" autoComplete="email" required {...bind('email')} />}
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} error={errorOf('password')}>
          {(control) => <input {...control} name="password" type="password" autoComplete="new-password" required minLength={8} {...bind('password')} />}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('auth.submitting') : t('auth.signUp')}
        </button>
      </form>
      <p className="auth__switch">
        {t('auth.haveAccount')} <Link to="/connexion">{t('auth.goSignIn')}</Link>
      </p>
    </div>
  )
}
