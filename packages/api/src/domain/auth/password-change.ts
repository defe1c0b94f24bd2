import type { Database } from '@carhub/db';
import type { SessionAuth } from '../../context';
import { AppError } from '../../errors';
import { assertPasswordAllowed, passwordHashOf, setPassword } from '../users/queries';
import { verifyPassword } from './password';
import { sessionsFor } from './sessions';

const WRONG = 'The current password is wrong.';

/**
 * auth.changePassword, in the caller's transaction: the current password proves who asks, the new
 * one passes the policy, and every other session of the user ends with the old password, so a
 * failure in between leaves neither the new password nor the revocation half done.
 */
export async function changeOwnPassword(
  trx: Database,
  auth: SessionAuth,
  passwords: { oldPassword: string; newPassword: string },
): Promise<void> {
  const { user } = auth;
  if (!(await verifyPassword(await passwordHashOf(trx, user.id), passwords.oldPassword))) {
    throw new AppError('BAD_REQUEST', WRONG, { fieldErrors: { oldPassword: [WRONG] } });
  }
  await assertPasswordAllowed(passwords.newPassword, user, 'newPassword');
  await setPassword(trx, user.id, passwords.newPassword);
  // Whoever else held a session may have known the old password: they are signed out.
  await sessionsFor(trx).invalidateOthers(user.id, auth.session.publicId);
}
