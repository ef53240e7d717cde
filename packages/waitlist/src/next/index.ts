export * from '@clerkship/internal/next';
export {
  createWaitlistAdmin,
  type WaitlistAdmin,
  type WaitlistAdminOptions,
  type WaitlistClerkClient,
  type WaitlistClerkUser,
  type WaitlistUser,
  type WaitlistUserPage,
} from './admin';
