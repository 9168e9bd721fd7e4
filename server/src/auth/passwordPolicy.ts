import { dictionary } from '@zxcvbn-ts/language-common'
import { passwordProblem, type PasswordProblem } from '@ensemble/shared'

/**
 * The whole password policy (ACCT13): the shared rules (length, not only spaces, not the person's
 * email or name) and a list of about 49,000 common passwords shipped by a maintained package
 * (@zxcvbn-ts/language-common, MIT), compared without case. Built once, on first use.
 */
let common: Set<string> | null = null
const commonPasswords = (): Set<string> => (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())))

export function checkPassword(password: string, identity: { email?: string | null; name?: string | null }): PasswordProblem | null {
  const problem = passwordProblem(password, identity)
  if (problem) return problem
  return commonPasswords().has(password.toLowerCase()) ? 'password_common' : null
}
