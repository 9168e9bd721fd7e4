import type { AwarenessUser } from '@ensemble/shared'

/**
 * The remote caret: a coloured bar with the person's name (and partner) above it. Hidden from
 * assistive technology: the presence list says the same thing in words.
 */
export function renderCaret(user: Partial<AwarenessUser> & { color: string }): HTMLElement {
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = user.color
  caret.setAttribute('aria-hidden', 'true')
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = user.color
  label.textContent = user.name ?? ''
  if (user.partner) label.title = `${user.name} — ${user.partner}`
  caret.append(label)
  return caret
}
