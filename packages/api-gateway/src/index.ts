export type {
  AuthorizerEvents,
  AuthorizerResults,
  AuthorizerRule,
  AuthorizerType,
  ClerkAuthorizerOptions,
  SimpleAuthorizerResult,
} from './authorizer-options';
export type { AuthorizerContext } from './claims-context';
export { type ClerkAuthorizer, createClerkAuthorizer } from './create-clerk-authorizer';
export { ApiGatewayError, type ApiGatewayErrorCode } from './errors';
export type { ClerkSessionClaims } from './session-token-verifier';
