export {
  createWaitlistAdmin,
  type WaitlistAdmin,
  type WaitlistAdminOptions,
  type WaitlistUser,
  type WaitlistUserPage,
} from './admin';
export type { BackendApiOptions } from './backend-api';
export { createWaitlistGuards, type WaitlistGuardOptions } from './guards';
