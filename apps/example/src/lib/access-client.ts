'use client';

import { createReactAccess } from '@clerkship/rbac/react';
import { access } from './access';

export const { AccessProvider, Can, useCan } = createReactAccess(access);
