/** What every payload builder needs to know about the event it is building for. */
export interface EventContext {
  /** The event's `timestamp` (milliseconds since the epoch); `created_at` and friends derive from it. */
  now: number;
  /** The envelope's `instance_id`; billing objects repeat it. */
  instanceId: string;
}

export const day = 24 * 3600_000;
