/** Limits shared by client and server. The server enforces them; the client uses them to warn early. */
export const LIMITS = {
  /** A websocket frame above this closes that connection (code FRAME_TOO_LARGE). */
  maxFrameBytes: 2 * 1024 * 1024,
  workspaceNameLength: 120,
  partnerNameLength: 160,
  personNameLength: 120,
  actionTitleLength: 200,
  textFieldLength: 5000,
  bodyNameLength: 160,
  /** Governance decisions one action links to (GOV19). */
  decisionLinks: 50,
  /** Tickets are single use and expire after this many milliseconds. */
  ticketTtlMs: 60_000,
  /** A room with no connection is unloaded after this many milliseconds. */
  roomIdleMs: 30_000,
  /** Full states of large documents kept after their rooms unload, for their next joiners (server memory). */
  stateCacheBytes: 64 * 1024 * 1024,
  /** Compaction folds the update log into a snapshot once it holds this many rows. */
  compactAfterUpdates: 500,
  /** A failing append is retried this long before the room gives up (closes 4500 and unloads). */
  storageRetryMs: 30_000,
  /** Edits that may wait behind a failing append; beyond this the room gives up at once. */
  storageRetryQueue: 10_000,
  /** One presence state (the JSON of one awareness entry) above this closes that connection (1009). */
  maxAwarenessStateBytes: 16 * 1024,
  /**
   * Per-connection token buckets (burst, then refill per second). A real client sends one sync
   * step 1 per (re)connection and a presence update per caret move; a flood closes with 4429.
   * `frames` counts every frame, and stock providers echo every presence change they receive, so
   * it is sized for a busy room; `awareness` counts only changes to the connection's own presence.
   */
  rate: {
    frames: { burst: 3000, perSecond: 1000 },
    awareness: { burst: 120, perSecond: 30 },
    syncStep1: { burst: 10, perSecond: 1 },
  },
  /** Open websockets allowed per member and per server process (env WS_MAX_PER_USER, WS_MAX_CONNECTIONS). */
  maxConnectionsPerUser: 32,
  maxConnections: 5000,
  /** A client this far behind on reading is dropped (it reconnects and resyncs) instead of hoarding memory. */
  maxBufferedBytes: 32 * 1024 * 1024,
} as const
