export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

// The list of common passwords (zxcvbn's) loads with the first password checked, not with the server.
let common: Promise<Set<string>> | undefined;
async function isCommon(password: string): Promise<boolean> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) => new Set(dictionary['passwords-common'] as string[]),
  );
  return (await common).has(password.toLowerCase());
}

/**
 * The password rules, one message per broken rule (empty when the password is fine).
 * Pure: the same rules serve sign-up, password change and reset, admin and the CLI.
 */
export async function passwordProblems(
  password: string,
  identity: { username?: string; email?: string } = {},
): Promise<string[]> {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH)
    problems.push(`Password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (password.length > PASSWORD_MAX_LENGTH)
    problems.push(`Password must be at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (/^\d+$/.test(password)) problems.push('Password must not be all digits.');
  const lower = password.toLowerCase();
  if (identity.username && lower === identity.username.toLowerCase()) {
    problems.push('Password must not be the username.');
  }
  if (
    identity.email &&
    (lower === identity.email.toLowerCase() || lower === identity.email.split('@')[0]?.toLowerCase())
  ) {
    problems.push('Password must not be the e-mail address.');
  }
  if (await isCommon(password)) problems.push('Password is too common; choose one that is harder to guess.');
  return problems;
}
