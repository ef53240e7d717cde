export {
  type ActionResult,
  createGuard,
  type Guard,
  type GuardedSession,
  type GuardOptions,
  type ProxyRule,
  type Requirements,
} from './create-guard';
