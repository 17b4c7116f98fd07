import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers of helmet's set that protect a JSON API response, after the OWASP REST Security Cheat Sheet
 * ("Security Headers": Cache-Control no-store, set in app.ts; Content-Security-Policy with frame-ancestors;
 * Strict-Transport-Security; X-Content-Type-Options nosniff; X-Frame-Options), plus Cross-Origin-Resource-Policy
 * (no other origin may embed the response) and Referrer-Policy. The others (Cross-Origin-Opener-Policy,
 * Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies,
 * X-XSS-Protection) only act on an HTML document, which the cheat sheet leaves out for APIs.
 */
const API_HEADERS = ['content-security-policy', 'cross-origin-resource-policy', 'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options'];

/**
 * Security headers from helmet (CSP, HSTS, nosniff, frame-ancestors, referrer policy, COOP/CORP…),
 * computed once at start-up and set on every response: the whole set on the web app's pages and on
 * everything outside `/api/v1/`, the API subset (API_HEADERS, same values) on `/api/v1/` responses. The
 * headers do not depend on the request, and recomputing them per request (as @fastify/helmet does) cost
 * about 40 % of the throughput of a small route in our benchmark. A route may still override one (the
 * SCORM package files, uploads served inline).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, recorder as never, () => undefined);
  const api = Object.fromEntries(Object.entries(headers).filter(([name]) => API_HEADERS.includes(name)));
  app.addHook('onRequest', (req, reply, done) => {
    void reply.headers(req.url.startsWith('/api/v1/') ? api : headers);
    done();
  });
}
