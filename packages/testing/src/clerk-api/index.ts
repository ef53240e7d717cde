export {
  type ClerkApiCall,
  type ClerkApiFake,
  type ClerkApiFakeMember,
  type ClerkApiFakeOptions,
  type ClerkApiFakeOrganization,
  createClerkApiFake,
  createSeedUsers,
} from './clerk-api-fake';
