/**
 * Message types on the websocket. 0–3 are y-websocket's (y-protocols); Ensemble adds its own from 100
 * up, sent only to clients that asked for them on the upgrade (extensions.ts), so a stock
 * WebsocketProvider never receives one. See docs/PROTOCOL.md.
 */
export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Server → client: a typed error (see serverError.ts). */
  serverError: 100,
  /** Server → client: how many of this connection's updates are stored (see saved.ts). */
  saved: 101,
  /** Server → client: the whole document as a V2-encoded update, for clients that asked (see syncV2.ts). */
  syncStep2V2: 102,
  /** Server → client: the first rows of a large plan, before its whole document (see planPreview.ts). */
  planPreview: 103,
  /** Both ways, empty body: a client that asked for extensions sends it when the line is quiet; the server echoes it at once (see heartbeat.ts). */
  heartbeat: 104,
} as const
export type MessageType = (typeof MESSAGE)[keyof typeof MESSAGE]
