/**
 * The Content-Security-Policy both hosts send with the renderer. Inline styles are allowed because the
 * development server injects component styles as style elements; scripts come only from the app itself.
 * The browser host's page talks to its host over a WebSocket; the Electron page needs no socket at all
 * (IPC goes through the preload), so its `connect-src` is the app's own scheme only.
 */
function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The browser host's policy: its page may open a WebSocket to the host's own port only. */
export function webContentSecurityPolicy(port: number): string {
  return contentSecurityPolicy(`'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
}
export const ELECTRON_CONTENT_SECURITY_POLICY = contentSecurityPolicy("'self'");

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function webSecurityHeaders(port: number): Readonly<Record<string, string>> {
  return { 'Content-Security-Policy': webContentSecurityPolicy(port), ...COMMON_HEADERS };
}

export const ELECTRON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': ELECTRON_CONTENT_SECURITY_POLICY,
  ...COMMON_HEADERS,
};

/** A URL path segment decoded, or null when its %-escapes are malformed (decodeURIComponent throws). */
export function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
