import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { useWorkspaceEvents } from '../comments/workspaceEvents.ts'
import type { SaveState } from '../collab/saveTracker.ts'

/**
 * Calls `onChange` when the server announces that this document's history or sign-off changed
 * (`history.changed` / `signoff.changed`, published by the routes), and after each (re)connection of
 * the event stream, since events sent while it was down are lost.
 */
export function useDocumentEvents(
  workspaceId: string,
  docName: string,
  type: 'history.changed' | 'signoff.changed',
  onChange: (reason: 'event' | 'ready') => void,
): void {
  useWorkspaceEvents(workspaceId, (event, data) => {
    if (event === 'ready') onChange('ready')
    else if (event === type && (data as { docName?: unknown } | null)?.docName === docName) onChange('event')
  })
}

/**
 * Calls `onStored` once a live document has had no update for `ms` and everything this replica wrote
 * is acknowledged as stored (`save` from the "saved" message): the sessions are read from the stored
 * log, so they then include the burst of typing. Others' edits are stored before they are relayed.
 */
export function useRefreshWhenStored(doc: Y.Doc | null | undefined, save: SaveState | undefined, ms: number, onStored: () => void): void {
  const latest = useRef(onStored)
  latest.current = onStored
  // Set when the edits pause; cleared once the refresh has run (after the server stored them).
  const [pending, setPending] = useState(false)
  useEffect(() => {
    if (!doc) return
    let timer: number | undefined
    const onUpdate = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => setPending(true), ms)
    }
    doc.on('update', onUpdate)
    return () => {
      window.clearTimeout(timer)
      doc.off('update', onUpdate)
    }
  }, [doc, ms])
  useEffect(() => {
    if (!pending || (save !== undefined && save !== 'saved')) return
    setPending(false)
    latest.current()
  }, [pending, save])
}
