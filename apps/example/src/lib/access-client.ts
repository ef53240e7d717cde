'use client';

import { createReactAccess } from '@clerkship/rbac/next/client';
import { access } from './access';

export const { AccessProvider, Can, useCan } = createReactAccess(access);
