/**
 * Where the login page may send the user afterwards: a path of this site only. `//host`, `/\host`
 * (browsers read a backslash as a slash), `/%2F…`-style tricks, absolute URLs and control
 * characters all fall back to the home page. Pure.
 */
export function safeCallbackPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.length > 2000) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return fallback;
  if (next.startsWith('//')) return fallback;
  try {
    const base = 'http://portal.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
