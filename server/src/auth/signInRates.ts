import { RateLimitedError } from '../errors.ts'
import { MemberRates } from '../http/memberRates.ts'

export interface SignInLimits {
  windowSeconds: number
  /** Sign-ins for one account (its e-mail address) per window, from any client address. */
  signInMax: number
  /** Sign-ins from one client address per window, whatever the accounts. */
  signInAddressMax: number
}

type Kind = 'account' | 'address'

/**
 * EDGE4: sign-in budgets per account AND per client address. Guessing one account's password is
 * throttled by its own budget whichever addresses the guesses come from; an office behind one
 * public address shares a larger budget, so a colleague's typos (which spend only their own
 * account's) do not lock the others out. Unknown e-mail addresses get budgets like known ones, so
 * a 429 tells nothing about whether an account exists. Every attempt counts, taken before the
 * password is checked, so parallel guesses cannot overtake the count.
 */
export class SignInRates {
  private readonly rates: MemberRates<Kind>

  constructor(limits: SignInLimits, now: () => number = performance.now.bind(performance)) {
    const spec = (max: number) => ({ burst: max, perSecond: max / limits.windowSeconds })
    this.rates = new MemberRates<Kind>({ account: spec(limits.signInMax), address: spec(limits.signInAddressMax) }, now)
  }

  /** Takes one sign-in from both budgets, or throws 429 with the seconds to wait. */
  admit(email: string, clientIp: string): void {
    const address = this.rates.take('address', clientIp)
    if (address !== null) throw new RateLimitedError(address, 'Too many sign-in attempts from this address: wait before trying again.')
    const account = this.rates.take('account', email.trim().toLowerCase())
    if (account !== null) throw new RateLimitedError(account, 'Too many sign-in attempts for this account: wait before trying again.')
  }
}
