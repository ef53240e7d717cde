export {
  type ClerkApiCall,
  type ClerkApiFake,
  type ClerkApiFakeOptions,
  createClerkApiFake,
} from './clerk-api-fake';
