export type { OrganizationJSON, UserJSON } from '@clerkship/internal';
export {
  type IdentifyUserOptions,
  identifyClerkOrganization,
  identifyClerkUser,
  type PostHogServerClient,
  personPropertiesFromUserJSON,
  serverlessPostHogOptions,
} from './identify-clerk-user';
