/**
 * The public `posthog-js` methods this package uses, so any instance (the `instrumentation-client`
 * singleton, a `PostHogProvider` client, or a test double) fits. No private API such as `_isIdentified`.
 */
export interface PostHogClient {
  identify(distinctId: string, userPropertiesToSet?: Record<string, unknown>): void;
  reset(): void;
  get_distinct_id(): string;
  get_property(name: string): unknown;
  setPersonProperties(userPropertiesToSet: Record<string, unknown>): void;
  group(groupType: string, groupKey: string, groupPropertiesToSet?: Record<string, unknown>): void;
  resetGroups(): void;
}
