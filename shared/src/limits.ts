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
  /**
   * Steering toward results (OBJ, IND, EVQ): how many objectives, indicators and evaluation
   * questions one plan holds, values one indicator keeps, partners or links one entry names, and
   * the length of short texts (units, sources, value comments). The large alliance of the issue
   * (200 objectives, 500 indicators × 36 values) fits with room to spare.
   */
  maxObjectives: 500,
  maxIndicators: 1000,
  maxIndicatorValues: 1000,
  maxEvaluationQuestions: 200,
  objectiveLinks: 50,
  shortTextLength: 200,
  valueCommentLength: 1000,
  /** The partners' balance (BAL): the highest rate of a unit in euros, the highest declared amount, the entries one plan keeps. */
  maxBalanceRate: 1_000_000,
  maxActualAmount: 1_000_000_000,
  maxActuals: 5000,
  /** The internal diagnostic (DIAG, PROJ): items of all matrices one alliance keeps, an item's text and detail, a project list's entries. */
  maxDiagnosticItems: 2000,
  diagnosticItemLength: 500,
  diagnosticDetailLength: 2000,
  maxProjectEntries: 50,
  /** The map of actors (MAP): actors one alliance maps, selection criteria, contact log entries (append-only). */
  maxActors: 2000,
  maxActorCriteria: 30,
  maxContactEntries: 20_000,
  /** How far the time an indicator value says it was entered may be from the server's clock (IND4). */
  valueClockSkewMs: 5 * 60_000,
  /** Tickets are single use and expire after this many milliseconds. */
  ticketTtlMs: 60_000,
  /** A room with no connection is unloaded after this many milliseconds. */
  roomIdleMs: 30_000,
  /** Kept states (large documents' full states kept after their rooms unload, for their next joiners) held in server memory. */
  keptStateBytes: 64 * 1024 * 1024,
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
    /**
     * Bytes of updates (sync step 2 and update messages), refused or not: a paste of a long text is
     * a frame of up to `maxFrameBytes`, typing a few bytes per key.
     */
    updateBytes: { burst: 16 * 1024 * 1024, perSecond: 2 * 1024 * 1024 },
    /** Bytes of updates the server refused: a real client is refused rarely and by little. */
    refusedBytes: { burst: 4 * 1024 * 1024, perSecond: 256 * 1024 },
  },
  /**
   * Per-member budgets of the REST API (docs/SPEC.md LIM2–LIM6): token buckets (burst, then refill
   * per second) that each server instance keeps per member; past one the request is answered 429
   * with `Retry-After` and does nothing. With several instances a member's budget is per instance.
   * Env MEMBER_LIMITS_SCALE multiplies these bursts, rates and the caps below (the benchmark lifts them).
   */
  memberRate: {
    /** Every state-changing request (POST, PUT, PATCH, DELETE), whatever its route. */
    writes: { burst: 200, perSecond: 5 },
    /** Comment threads opened (each reaches every mentioned member's inbox and every open panel). */
    threads: { burst: 20, perSecond: 0.2 },
    /** Comment messages posted or edited. */
    messages: { burst: 60, perSecond: 1 },
    /** Websocket tickets minted: a client takes one per (re)connection of each open document. */
    tickets: { burst: 60, perSecond: 2 },
    /** Event streams (Server-Sent Events) opened. */
    eventStreams: { burst: 20, perSecond: 0.5 },
    /** Creations that replay a document's log or make an alliance: versions, restores, sign-off proposals, alliances. */
    costly: { burst: 20, perSecond: 0.1 },
    /** Reports made (EXP6): every file of the « Rapports » page at once, then one every ten seconds. */
    exports: { burst: 10, perSecond: 0.1 },
  },
  /**
   * Password reset links (docs/SPEC.md ACCT17), asked for signed out: token buckets per instance,
   * keyed on the address asked about and on the client's address; past one, 429 + `Retry-After`.
   * Link uses (reading a link, setting a password through it) are budgeted per client address.
   */
  passwordReset: {
    /** Links mailed to one address: 3, then one per 20 minutes. */
    perAddress: { burst: 3, perSecond: 1 / 1200 },
    /** Links asked for from one client address, whatever the addresses: 10, then one a minute. */
    perClient: { burst: 10, perSecond: 1 / 60 },
    /** Reads of a link and new passwords sent through one, from one client address. */
    linkUses: { burst: 60, perSecond: 1 },
  },
  /** Event streams one member may hold open on one server instance, and the instance in all. */
  maxEventStreamsPerUser: 8,
  maxEventStreams: 5000,
  /** Minted but unused (and unexpired) websocket tickets one member may hold; Redis counts them across instances. */
  maxOutstandingTicketsPerUser: 32,
  /** Member buckets an instance keeps at most; idle (refilled) ones are dropped first. */
  maxMemberBuckets: 100_000,
  /** Open websockets allowed per member and per server process (env WS_MAX_PER_USER, WS_MAX_CONNECTIONS). */
  maxConnectionsPerUser: 32,
  maxConnections: 5000,
  /** A client this far behind on reading is dropped (it reconnects and resyncs) instead of hoarding memory. */
  maxBufferedBytes: 32 * 1024 * 1024,
  /**
   * Nesting of shared types (maps, arrays, XML elements and texts) in any document, the root types
   * counting as 1. Checked at decode, before an update is applied: Yjs deletes and collects nested
   * types recursively, so a deeper update could overflow the stack of every replica that loads it.
   */
  maxNestingDepth: 48,
  /**
   * Longest map key (an action id, a field or attribute name) or root type name in an update. A key
   * outlives the value it names (a refused edit is stored as what it costs to undo), so it is bounded.
   */
  maxKeyLength: 256,
  /**
   * Largest state a document may reach (Yjs V1 state bytes), by kind. An edit that would grow a
   * document beyond it is refused (`document_too_large`); deletions stay possible. The largest plan
   * the benchmarks open and a long agreement with its whole history fit (docs/BENCHMARKS.md).
   */
  maxDocumentBytes: {
    richText: 4 * 1024 * 1024,
    minutes: 4 * 1024 * 1024,
    governance: 16 * 1024 * 1024,
    plan: 64 * 1024 * 1024,
    diagnostic: 4 * 1024 * 1024,
    actors: 16 * 1024 * 1024,
  },
} as const
