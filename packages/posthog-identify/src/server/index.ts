export {
  type IdentifyUserOptions,
  identifyClerkOrganization,
  identifyClerkUser,
  type PostHogServerClient,
  personPropertiesFromUserJSON,
  serverlessPostHogOptions,
} from './identify-clerk-user';
