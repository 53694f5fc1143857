import type { Request, Response } from 'express';
import { AppError } from '../../errors.js';
import { readFormFields, type BodyLimits } from '../admin-body.js';

/** Far more than an email (255) and a password (256) need: anything bigger is not a sign-in. */
const SIGN_IN_LIMITS: BodyLimits = { maxBytes: 16 * 1024, maxFields: 10 };

/** A sign-in body that cannot be read; `status` 400, 413 or 415. */
export class SignInBodyError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
    this.name = 'SignInBodyError';
  }
}

export interface SignInFields {
  email: string;
  password: string;
}

/**
 * Reads the email and password of a sign-in, from a urlencoded form (the
 * login page), multipart form data or JSON, within SIGN_IN_LIMITS (the admin's one body reader, admin-body.ts).
 * Throws SignInBodyError for a body that cannot be read; missing fields are
 * empty strings (a wrong sign-in, not a malformed one).
 */
export async function readSignInFields(req: Request, res: Response): Promise<SignInFields> {
  let fields: Record<string, unknown>;
  try {
    fields = await readFormFields(req, res, SIGN_IN_LIMITS);
  } catch (error) {
    if (error instanceof AppError && (error.status === 400 || error.status === 413 || error.status === 415)) {
      throw new SignInBodyError(error.status, error.status === 413 ? 'The sign-in form is too large.' : error.message);
    }
    throw error;
  }
  const { email = '', password = '' } = fields;
  if (typeof email !== 'string' || typeof password !== 'string') throw new SignInBodyError(400, 'The email and the password must each be given once, as text.');
  return { email, password };
}
