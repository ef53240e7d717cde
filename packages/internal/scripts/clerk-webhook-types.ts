export type {
  OrganizationJSON,
  OrganizationMembershipJSON,
  UserJSON,
  WebhookEvent,
  WebhookEventType,
} from '@clerk/backend';
