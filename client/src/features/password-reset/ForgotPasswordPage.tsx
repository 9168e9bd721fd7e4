import { passwordResetRequestSchema } from '@ensemble/shared'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, rest } from '../../api/client.ts'
import { Field } from '../../components/Field.tsx'
import { apiErrorMessage, type FieldErrors, fieldErrorsOf } from '../../components/validation.ts'
import { Link } from '../../router.tsx'

/**
 * `/mot-de-passe-oublie`, reached from the sign-in form (ACCT21). Whatever the address, the page
 * says the same thing once the server has answered: a message went to it (ACCT16).
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [sentTo, setSentTo] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    const parsed = passwordResetRequestSchema.safeParse({ email: email.trim() })
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error, t))
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await call(rest['password-reset'].$post({ json: { email: parsed.data.email } }))
      setSentTo(parsed.data.email)
    } catch (error) {
      setFormError(apiErrorMessage(error, t))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="auth">
      <h1 tabIndex={-1}>{t('passwordReset.forgotTitle')}</h1>
      {sentTo ? (
        <>
          <p className="notice" role="status">
            {t('passwordReset.sent', { email: sentTo })}
          </p>
          <p>
            <button type="button" className="button" onClick={() => setSentTo(null)}>
              {t('passwordReset.sendAgain')}
            </button>
          </p>
        </>
      ) : (
        <>
          <p className="auth__intro">{t('passwordReset.forgotIntro')}</p>
          <form className="form" onSubmit={submit} noValidate>
            {formError && (
              <p className="form__error" role="alert">
                {formError}
              </p>
            )}
            <Field label={t('auth.email')} error={errors.email}>
              {(control) => <input {...control} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('passwordReset.sending') : t('passwordReset.send')}
            </button>
          </form>
        </>
      )}
      <p className="auth__switch">
        <Link to="/connexion">{t('passwordReset.backToSignIn')}</Link>
      </p>
    </div>
  )
}
