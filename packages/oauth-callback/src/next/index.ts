export { type ProtectProxyOptions, type ProxyFunction, protectProxy } from './protect-proxy';
export { permanentRedirect, type RedirectType, redirect } from './redirect';
