export {
  createNextGuards,
  type GuardedSession,
  type NextGuardOptions,
  type NextGuards,
  type ProxyHandler,
  type ProxyRule,
} from './guards';
