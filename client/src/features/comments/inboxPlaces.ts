import { docKind } from '@ensemble/shared'
import type { TFunction } from 'i18next'
import { MEETING_PARAM } from '../meetings/meetingParam.ts'
import { SECTIONS, workspaceUrl } from '../workspaces/sections.ts'
import { THREAD_PARAM } from './threadParam.ts'

/** The page a thread of `docName` lives on (minutes: the meetings page). */
export function sectionOfDoc(docName: string) {
  if (docKind(docName) === 'minutes') return SECTIONS.find((s) => s.key === 'meetings')
  return SECTIONS.find((s) => s.doc === docName || (!s.doc && s.key === docName))
}

/** The address that opens a thread on its page; minutes open their meeting in meeting mode. */
export function threadUrl(workspaceId: string, docName: string, threadId: string | null): string {
  const params = new URLSearchParams()
  if (docKind(docName) === 'minutes') params.set(MEETING_PARAM, docName.slice('minutes:'.length))
  // An `action.changed` item has no thread: it opens the page the action lives on.
  if (threadId) params.set(THREAD_PARAM, threadId)
  const query = params.toString()
  return `${workspaceUrl(workspaceId, sectionOfDoc(docName))}${query ? `?${query}` : ''}`
}

/** The name of the place a thread lives in, in the interface language. */
export function placeName(t: TFunction, docName: string): string {
  if (docKind(docName) === 'minutes') return t('comments.inbox.minutes')
  const section = sectionOfDoc(docName)
  return section ? t(`nav.${section.key}`) : docName
}
