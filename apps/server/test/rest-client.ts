/** A tiny JSON REST client for tests against a real server over HTTP. */
export interface RestReply {
  status: number;
  headers: Headers;
  body: any;
}

export function restClient(baseUrl: string) {
  return async function rest(method: string, path: string, body?: unknown, token?: string): Promise<RestReply> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
  };
}

let counter = 0;
/** Registers a client over REST and returns its id and token. */
export async function registerOverRest(rest: ReturnType<typeof restClient>, prefix = 'rest') {
  counter += 1;
  const username = `${prefix}${counter}_${Math.random().toString(36).slice(2, 7)}`;
  const password = 'correct-horse-battery-9';
  const reply = await rest('POST', '/auth/register', {
    username,
    email: `${username}@example.com`,
    password,
    passwordConfirm: password,
    firstName: 'Rest',
    lastName: 'User',
  });
  if (reply.status !== 200) throw new Error(`register failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { id: reply.body.user.id as string, token: reply.body.token as string };
}
