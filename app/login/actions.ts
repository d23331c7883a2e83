'use server';

import { headers } from 'next/headers';
import { AuthError, type CredentialsSignin } from 'next-auth';
import { z } from 'zod';
import { noteDatabaseError } from '@/db/client';
import { signIn } from '@/lib/auth';
import { clientAddressOf } from '@/lib/auth/client-address';
import { getSignInRetryAfter } from '@/lib/auth/throttle';
import { describeRetryAfter } from '@/lib/auth/throttle-rules';
import { databaseTroubleMessages } from '@/lib/errors';
import type { FormState } from '@/lib/form-state';
import { log } from '@/lib/log';
import { safeReturnPath } from '@/lib/safe-redirect';
import { signInSchema } from '@/lib/users/schemas';

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = String(formData.get('email') ?? '');
  const values = { email };
  const parsed = signInSchema.safeParse({ email, password: formData.get('password') ?? '' });
  if (!parsed.success) {
    return {
      status: 'error',
      message: 'Enter your email and password.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  }
  try {
    await signIn('credentials', {
      ...parsed.data,
      redirectTo: safeReturnPath(formData.get('callbackUrl')),
    });
    return { status: 'success' };
  } catch (error) {
    const trouble = error instanceof AuthError ? noteDatabaseError(error) : null;
    if (trouble) {
      log.warn({ err: error, trouble }, 'sign-in: database trouble');
      return {
        status: 'error',
        message: `${databaseTroubleMessages[trouble]} Try signing in again in a moment.`,
        values,
      };
    }
    if (!(error instanceof AuthError) || error.type !== 'CredentialsSignin') throw error;
    const code = (error as CredentialsSignin).code;
    if (code === 'throttled') {
      const ip = clientAddressOf(await headers());
      const waitMs = await getSignInRetryAfter({ email: parsed.data.email, ip });
      return {
        status: 'error',
        message: `Too many failed sign-in attempts. ${describeRetryAfter(waitMs)}`,
        values,
      };
    }
    if (code === 'disabled') {
      return {
        status: 'error',
        message: 'This account is disabled. Ask an admin of your newsroom to enable it again.',
        values,
      };
    }
    return { status: 'error', message: 'Wrong email or password.', values };
  }
}
