/**
 * One cookie's value from a Cookie header. Other applications on the same domain set cookies
 * too, and a value with a broken `%` escape (`other=100%`) must not make every request fail:
 * a malformed pair is skipped, whatever its name. The first well-formed pair with the name wins.
 */
export function readCookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let raw = pair.slice(eq + 1).trim();
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    const value = decodeOrNull(raw);
    if (value !== null) return value;
  }
  return null;
}

function decodeOrNull(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
