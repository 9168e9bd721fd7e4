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
  /** Tickets are single use and expire after this many milliseconds. */
  ticketTtlMs: 60_000,
  /** A room with no connection is unloaded after this many milliseconds. */
  roomIdleMs: 30_000,
  /** Compaction folds the update log into a snapshot once it holds this many rows. */
  compactAfterUpdates: 500,
  /** A failing append is retried this long before the room gives up (closes 4500 and unloads). */
  storageRetryMs: 30_000,
  /** Edits that may wait behind a failing append; beyond this the room gives up at once. */
  storageRetryQueue: 10_000,
} as const
