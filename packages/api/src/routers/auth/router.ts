import { createTRPCRouter } from '../../trpc';
import { changePassword } from './change-password';
import { login } from './login';
import { logout } from './logout';
import { logoutAll } from './logout-all';
import { me } from './me';
import { refresh } from './refresh';
import { register } from './register';
import { requestPasswordReset } from './request-password-reset';
import { resetPassword } from './reset-password';
import { revokeSession } from './revoke-session';
import { sessions } from './sessions';
import { updateMe } from './update-me';

export const authRouter = createTRPCRouter({
  register,
  login,
  refresh,
  logout,
  logoutAll,
  me,
  updateMe,
  changePassword,
  sessions,
  revokeSession,
  requestPasswordReset,
  resetPassword,
});
