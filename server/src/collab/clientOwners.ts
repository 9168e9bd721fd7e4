import { SERVER_CLIENT_OWNER, type DocKey, type DocStore } from '../storage/docStore.ts'

/**
 * Who owns the Yjs client ids of one document (DESIGN §5, HOST1). Yjs numbers each change by its
 * client id and clock, and a replica ignores changes whose numbers it already holds: whoever writes
 * first under another person's id and next clocks makes that person's real changes vanish. So an id
 * belongs to the person whose changes first used it (kept in the store with the document, claimed
 * atomically there), and the room refuses anyone else's changes under it.
 *
 * Presence claims an id too: a client announces its id in its presence before it edits, so an id
 * seen in someone's presence is reserved for them at once, and claimed for them in the store (without
 * holding the presence up): nobody else can take it, even before its owner writes anything or after
 * the room was unloaded. A reservation never overrides an owner the store knows.
 */
export class ClientOwners {
  /** Owners known to this room, from the store or from its own claims (an owner never changes). */
  private readonly owners = new Map<number, string>()
  /** Ids seen in a person's presence, first come, for the room's life. */
  private readonly reserved = new Map<number, string>()

  constructor(
    private readonly store: DocStore,
    private readonly key: DocKey,
    private readonly onClaimError: (err: unknown) => void = () => {},
  ) {}

  /**
   * `userId`'s presence uses `clientId`: reserved for them in this room at once; with `persist` (their
   * presence arrived here, not through another instance, which claims it itself), claimed in the store.
   */
  reserve(clientId: number, userId: string, persist: boolean): void {
    if (this.reserved.has(clientId) || this.owners.has(clientId)) return
    this.reserved.set(clientId, userId)
    if (persist) {
      this.store.claimClients(this.key, [clientId], userId).then((owners) => this.remember(owners), this.onClaimError)
    }
  }

  /**
   * Which of `clientIds` belong to someone other than `userId`. The ids nobody owns become
   * `userId`'s, unless someone else's presence reserved them.
   */
  async foreignTo(userId: string, clientIds: Iterable<number>): Promise<Set<number>> {
    const unknown = [...clientIds].filter((clientId) => !this.owners.has(clientId))
    if (unknown.length > 0) {
      const claimable = unknown.filter((clientId) => (this.reserved.get(clientId) ?? userId) === userId)
      const reservedByOthers = unknown.filter((clientId) => (this.reserved.get(clientId) ?? userId) !== userId)
      if (claimable.length > 0) this.remember(await this.store.claimClients(this.key, claimable, userId))
      if (reservedByOthers.length > 0) this.remember(await this.store.claimClients(this.key, reservedByOthers, null))
    }
    const foreign = new Set<number>()
    for (const clientId of clientIds) {
      const owner = this.owners.get(clientId) ?? this.reserved.get(clientId)
      if (owner !== userId) foreign.add(clientId)
    }
    return foreign
  }

  /**
   * The room's own document id, under which the server's changes are written: claimed for the
   * server before the first of them is stored. False if a person owns it already (it cannot happen
   * by chance: ids are random 32-bit numbers; the caller logs it).
   */
  async claimForServer(clientId: number): Promise<boolean> {
    if (!this.owners.has(clientId)) this.remember(await this.store.claimClients(this.key, [clientId], SERVER_CLIENT_OWNER))
    return this.owners.get(clientId) === SERVER_CLIENT_OWNER
  }

  private remember(owners: Map<number, string>): void {
    for (const [clientId, owner] of owners) this.owners.set(clientId, owner)
  }
}
