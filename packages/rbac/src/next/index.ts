export * from '@clerkship/internal/next';
