// The native argon2 binding loads with the first password hashed or checked, not with the server.
const argon2 = () => import('@node-rs/argon2');

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (~12 ms a hash on the reference box).
// `algorithm: 2` is Algorithm.Argon2id: the package exports it as a const enum, which
// isolated-module builds can't read.
const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of no one's password, verified when the user does not exist, so a failed login
 * costs the same time whether or not the name is known.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  await verifyPassword(await dummyHash, password);
  return false;
}
