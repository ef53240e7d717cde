export { useWaitlistRefresh, type WaitlistRefreshOptions } from './use-waitlist-refresh';
