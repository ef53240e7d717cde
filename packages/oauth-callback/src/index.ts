export {
  type AuthorizationRequest,
  type AuthorizationUrlOptions,
  buildAuthorizationUrl,
} from './build-authorization-url';
export { OAuthCallbackError, type OAuthCallbackErrorCode, type ProviderErrorDetails } from './errors';
export { fragmentSafeRedirect, fragmentSafeUrl, type RedirectStatus } from './fragment-safe-redirect';
export { callbackErrorParameter, type ProtectCallbackOptions, protectCallback } from './protect-callback';
export { type ExpectedCallback, type ValidatedCallback, validateCallback } from './validate-callback';
