'use server';

import { revalidatePath } from 'next/cache';
import { waitlistAdmin } from '@/lib/waitlist';

// Each operation checks that the caller is an admin, every time: hiding the page is not enough.

export async function approveUserAction(formData: FormData): Promise<void> {
  await waitlistAdmin.approve(String(formData.get('userId')));
  revalidatePath('/admin');
}

export async function revokeUserAction(formData: FormData): Promise<void> {
  await waitlistAdmin.revoke(String(formData.get('userId')));
  revalidatePath('/admin');
}
