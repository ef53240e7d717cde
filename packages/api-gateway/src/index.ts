export type { ClerkshipError } from '@clerkship/internal';
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
export {
  checkJwtAuthorizerToken,
  type JwtAuthorizerCheck,
  type JwtAuthorizerConfiguration,
  type JwtAuthorizerProblem,
  type JwtAuthorizerProblemCode,
} from './jwt-authorizer-check';
export type { ClerkSessionClaims } from './session-token-verifier';
