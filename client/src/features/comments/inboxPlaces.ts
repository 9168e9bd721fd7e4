import { docKind } from '@ensemble/shared'
import type { TFunction } from 'i18next'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'
import { THREAD_PARAM } from './threadParam.ts'

/** The page a thread of `docName` lives on (minutes have no page of their own yet: the dashboard). */
export function sectionOfDoc(docName: string) {
  return SECTIONS.find((s) => s.doc === docName || (!s.doc && s.key === docName))
}

/** The address that opens a thread on its page. */
export function threadUrl(workspaceId: string, docName: string, threadId: string | null): string {
  const page = workspaceUrl(workspaceId, sectionOfDoc(docName))
  // An `action.changed` item has no thread: it opens the page the action lives on.
  return threadId ? `${page}?${THREAD_PARAM}=${encodeURIComponent(threadId)}` : page
}

/** The name of the place a thread lives in, in the interface language. */
export function placeName(t: TFunction, docName: string): string {
  const section = sectionOfDoc(docName)
  if (section) return t(`nav.${section.key}`)
  return docKind(docName) === 'minutes' ? t('comments.inbox.minutes') : docName
}
