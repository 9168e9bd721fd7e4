import { type CommentMessage, plainTextOf } from '@ensemble/shared'
import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useMe } from '../auth/SessionContext.tsx'
import { useMemberName } from './useMemberName.ts'

/**
 * The sentence the panel's polite live region says when someone else posts, and the listener that
 * sets it (for useCommentThreads' `onRemote`). The page may also say something (a hint) through `say`.
 */
export function useRemoteAnnouncement(): {
  announcement: string
  say(text: string): void
  onRemote(created: { message: CommentMessage; newThread: boolean }): void
} {
  const { t } = useTranslation()
  const me = useMe()
  const nameOf = useMemberName()
  const [announcement, say] = useState('')
  const onRemote = useCallback(
    ({ message, newThread }: { message: CommentMessage; newThread: boolean }) => {
      if (message.authorId === me.id) return
      const values = { name: nameOf(message.authorId), excerpt: plainTextOf(message.body ?? '').slice(0, 140) }
      say(newThread ? t('comments.announceThread', values) : t('comments.announceMessage', values))
    },
    [me.id, nameOf, t],
  )
  return { announcement, say, onRemote }
}
