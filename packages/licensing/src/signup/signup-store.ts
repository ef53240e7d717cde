/** One user's sign-up, as the store keeps it. */
export interface SignupRecord {
  /** The Clerk user who signs up: the key of the sign-up (one per user). */
  userId: string;
  /** The organization the sign-up created, once created. */
  orgId: string | null;
  /** The name it was created with. */
  organizationName: string | null;
  /** The plan and seats of the latest Checkout Session. */
  plan: string | null;
  seats: number | null;
  /** The latest Checkout Session, once created. */
  checkoutSessionId: string | null;
  /** How many Checkout Sessions the sign-up created; the next one's idempotency key counts on from it. */
  attempt: number;
  /** When the sign-up gave the user their seat (once), or `null` before. */
  seatGrantedAt: Date | null;
  createdAt: Date;
}

/** A Checkout Session the sign-up created. */
export interface SignupCheckout {
  sessionId: string;
  plan: string;
  seats: number;
  attempt: number;
}

/**
 * Where the sign-up flow keeps its state. `@clerkship/licensing/drizzle` implements it on Postgres
 * (`createPostgresSignupStore(db)`): the one-request-at-a-time lease and the first-organization-wins
 * record are single statements the database serialises, so any number of app instances can share it.
 */
export interface SignupStore {
  /** The user's sign-up, or `null`. */
  get(userId: string): Promise<SignupRecord | null>;
  /**
   * Takes the user's lease for `leaseMs` (creating the sign-up on the first call): the sign-up, or
   * `null` while another request holds a lease that has not run out.
   */
  acquire(userId: string, token: string, leaseMs: number): Promise<SignupRecord | null>;
  /** Gives the lease back; only the holder's `token` does. */
  release(userId: string, token: string): Promise<void>;
  /**
   * Records the organization unless one is recorded already, and returns the recorded one (the first
   * wins; the caller deletes an organization it made in vain).
   */
  recordOrganization(userId: string, orgId: string, organizationName: string): Promise<string>;
  /** Records a new Checkout Session as the sign-up's latest, unless a later attempt is recorded. */
  recordCheckout(userId: string, checkout: SignupCheckout): Promise<void>;
  /** Records that the sign-up gave the user their seat; the first record stays. */
  recordSeatGranted(userId: string): Promise<void>;
}
