import { isAllowedHref } from '@ensemble/shared'

/**
 * Links may point to the web or to an e-mail address (no javascript:, data:, file:…), or to a
 * governance body of the alliance (GOV25): the server's own rule, so both sides agree.
 */
export const isSafeUrl = (url: string): boolean => isAllowedHref(url.trim())
