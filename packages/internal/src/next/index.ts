// What every package's `/next` entry re-exports: one guard, whichever package it is imported from.
export { GuardError, type GuardErrorCode } from '../guard/guard-error';
export type { Denial, GuardSubject, Requirement } from '../guard/requirement';
export {
  type ActionResult,
  createGuard,
  type Guard,
  type GuardedSession,
  type GuardOptions,
  type ProxyRule,
  type Requirements,
} from './create-guard';
