import { signUpSchema } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api/ApiError.ts'
import { Field } from '../../components/Field.tsx'
import { apiErrorMessage, type FieldErrors, fieldErrorsOf } from '../../components/validation.ts'
import { Link, navigate } from '../../router.tsx'
import { afterSignIn } from './afterSignIn.ts'
import { useSession } from './SessionContext.tsx'

export function SignUpPage() {
  const { t } = useTranslation()
  const { signUp } = useSession()
  const [values, setValues] = useState({ name: '', email: '', password: '' })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    const parsed = signUpSchema.safeParse({ ...values, email: values.email.trim() })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await signUp(parsed.data)
      navigate(afterSignIn(), { replace: true })
    } catch (error) {
      const message = apiErrorMessage(error, t)
      if (error instanceof ApiError && error.field && error.field in values) setErrors({ [error.field]: message })
      else setFormError(message)
    } finally {
      setBusy(false)
    }
  }

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
        <Field label={t('auth.name')} error={errors.name}>
          {(control) => <input {...control} name="name" autoComplete="name" required value={values.name} onChange={set('name')} />}
        </Field>
        <Field label={t('auth.email')} error={errors.email}>
          {(control) => <input {...control} name="email" type="email" autoComplete="email" required value={values.email} onChange={set('email')} />}
        </Field>
        <Field label={t('auth.password')} hint={t('auth.passwordHint')} error={errors.password}>
          {(control) => (
            <input {...control} name="password" type="password" autoComplete="new-password" required minLength={8} value={values.password} onChange={set('password')} />
          )}
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
