export { createNextGuards, type GuardedSession, type NextGuardOptions, type NextGuards } from './guards';
