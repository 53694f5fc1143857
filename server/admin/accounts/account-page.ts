import type { PageHandler } from 'adminjs';
import { User } from '../../../models/index.js';
import { STAFF_ROLE_LABELS } from '../../../models/value-sets.js';
import { hashPassword, verifyPassword } from '../../auth/password.js';
import { actorOf } from '../access/actor.js';
import { canOpenPage } from '../access/access-policy.js';
import { asAdmin } from '../current-admin.js';
import { endAllSessions } from './end-sessions.js';
import { passwordProblem } from './password-reset.js';

type FieldErrors = Record<string, string>;
export interface AccountResponse {
  profile?: { email: string; first_name: string; last_name: string; phone: string | null; role: string };
  errors?: FieldErrors;
  notice?: { type: 'success' | 'error'; message: string };
  redirectUrl?: string;
}

const NAME_MAX = 100;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);

/**
 * "My account": everyone edits their own name and phone, and changes their
 * own password by giving the current one. Nobody else's account is
 * reachable here: the user is the signed-in one, never an id from the request.
 */
export const accountHandler: PageHandler = async (request, _response, context): Promise<AccountResponse> => {
  const actor = actorOf(context.currentAdmin);
  const id = Number(asAdmin(context.currentAdmin)?.id);
  if (!canOpenPage(actor, 'account') || !Number.isSafeInteger(id)) return { notice: { type: 'error', message: 'Sign in to see your account.' } };
  const user = await User.scope('withPassword').findByPk(id);
  if (!user) return { notice: { type: 'error', message: 'Your account no longer exists.' } };
  const profile = () => ({
    email: user.email, first_name: user.first_name, last_name: user.last_name, phone: user.phone,
    role: actor === 'superuser' ? 'Superuser' : STAFF_ROLE_LABELS[asAdmin(context.currentAdmin)!.role] ?? STAFF_ROLE_LABELS.agent,
  });
  if (request.method !== 'post') return { profile: profile() };

  const payload = (request.payload ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  if (payload.intent === 'password') {
    const problem = passwordProblem(payload.password, payload.confirmation ?? '');
    if (typeof payload.current !== 'string' || !(await verifyPassword(payload.current, user.hashed_password))) errors.current = 'This is not your current password.';
    else if (problem) errors.password = problem;
    if (Object.keys(errors).length) return { profile: profile(), errors, notice: { type: 'error', message: 'Your password was not changed.' } };
    user.hashed_password = await hashPassword(payload.password as string);
    await user.save({ fields: ['hashed_password'] });
    await endAllSessions(User.sequelize!, id);
    return { notice: { type: 'success', message: 'Password changed. Sign in again with the new one.' }, redirectUrl: '/admin/login' };
  }
  const first = text(payload.first_name);
  const last = text(payload.last_name);
  const phone = text(payload.phone);
  if (!first) errors.first_name = 'Enter your first name.';
  else if (first.length > NAME_MAX) errors.first_name = `At most ${NAME_MAX} characters.`;
  if (!last) errors.last_name = 'Enter your last name.';
  else if (last.length > NAME_MAX) errors.last_name = `At most ${NAME_MAX} characters.`;
  if (phone !== undefined && phone.length > 50) errors.phone = 'At most 50 characters.';
  if (Object.keys(errors).length) return { profile: profile(), errors, notice: { type: 'error', message: 'Some fields need attention.' } };
  await user.update({ first_name: first!, last_name: last!, phone: phone || null });
  return { profile: profile(), notice: { type: 'success', message: 'Your details are saved.' } };
};
