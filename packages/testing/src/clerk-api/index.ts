export {
  type ClerkApiCall,
  type ClerkApiFake,
  type ClerkApiFakeOptions,
  createClerkApiFake,
  createSeedUsers,
} from './clerk-api-fake';
