/**
 * On every answer, staff pages, the API and webhooks alike: nothing is framed, sniffed as another type,
 * cached or referred onwards; pages run only our own script and style (no inline ones).
 */
export const SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Cache-Control": "no-store",
} as const;
