/**
 * Settings the server writes into the page as <meta name="carhub:..."> tags (no inline
 * script, so the CSP stays strict). Absent under `pnpm dev`: the defaults apply and the
 * server's own refusal still shows in the form.
 */
function meta(name: string): string | null {
  if (typeof document === 'undefined') return null;
  return document.querySelector<HTMLMetaElement>(`meta[name="carhub:${name}"]`)?.content ?? null;
}

export const serverSettings = {
  get requireTerms(): boolean {
    return meta('require-terms') === 'true';
  },
  get showroomTimeZone(): string | null {
    return meta('showroom-tz');
  },
};
