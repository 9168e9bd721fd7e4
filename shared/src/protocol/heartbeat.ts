import { MESSAGE } from './messageTypes.ts'

/**
 * The heartbeat (message type 104, no body). A browser cannot see websocket pings, and a network
 * that drops silently leaves the socket "open" for as long as TCP takes to notice: a client that
 * asked for extensions sends this when it has heard nothing for a while, and the server echoes it,
 * so silence past a bound means the line is gone (KEEP3).
 */
export const HEARTBEAT_FRAME: Uint8Array = Uint8Array.of(MESSAGE.heartbeat)

/**
 * With no message received for this long, the client sends a heartbeat; unanswered for
 * HEARTBEAT_TIMEOUT_MS, the line is gone. With the client's 250 ms checks, a silent loss shows as
 * « Hors ligne » at most 1 + 0.25 + 2.5 + 0.25 = 4 s after the last message (KEEP3 promises 5 s).
 */
export const HEARTBEAT_IDLE_MS = 1_000
/** A heartbeat unanswered this long means the connection is dead: the client drops it and shows « Hors ligne ». */
export const HEARTBEAT_TIMEOUT_MS = 2_500
