/**
 * The password policy (ACCT13), the same at sign-up and at password change. The pure rules live
 * here so the forms can warn early; the list of common passwords is the server's (it is large).
 */
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const

export const PASSWORD_PROBLEMS = ['password_too_short', 'password_too_long', 'password_blank', 'password_personal', 'password_common'] as const
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number]

export const isPasswordProblem = (value: unknown): value is PasswordProblem =>
  typeof value === 'string' && (PASSWORD_PROBLEMS as readonly string[]).includes(value)

/** Lower case without accents, so « Hélène » and « helene » compare equal. */
const fold = (value: string): string => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** Words of a person's identity a password must not contain: the email, its local part, the name and its longer words. */
function identityWords(identity: { email?: string | null; name?: string | null }): string[] {
  const words: string[] = []
  const email = fold(identity.email ?? '').trim()
  if (email) words.push(email, email.split('@')[0] ?? '')
  const name = fold(identity.name ?? '').trim()
  if (name) words.push(name, name.replace(/\s+/g, ''), ...name.split(/[\s'’-]+/).filter((w) => w.length >= 4))
  return words.filter((w) => w.length >= 3)
}

/** The first rule `password` breaks, besides the list of common passwords; null when it passes. */
export function passwordProblem(password: string, identity: { email?: string | null; name?: string | null } = {}): PasswordProblem | null {
  if (password.length < PASSWORD_LENGTH.min) return 'password_too_short'
  if (password.length > PASSWORD_LENGTH.max) return 'password_too_long'
  if (password.trim() === '') return 'password_blank'
  const folded = fold(password)
  if (identityWords(identity).some((word) => folded.includes(word))) return 'password_personal'
  return null
}

/** English messages of the REST errors (the interface translates by reason). */
export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `The password needs at least ${PASSWORD_LENGTH.min} characters.`,
  password_too_long: `The password has at most ${PASSWORD_LENGTH.max} characters.`,
  password_blank: 'The password cannot be made of spaces only.',
  password_personal: 'The password must not contain your email address or your name.',
  password_common: 'This password is one of the most common ones: choose another.',
}
