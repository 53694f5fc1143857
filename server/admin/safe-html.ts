import type { RequestHandler, Response } from 'express';
import { AppError, problemBody } from '../errors.js';
import { escapeHtml } from '../http/escape-html.js';
import type { Logger } from '../logger.js';

/**
 * AdminJS renders its two pages (the app layout and the login page) as
 * template strings that inline JSON in `<script>` blocks without escaping:
 * a user's name, an organization's name or a login error containing
 * `</script>` ends the block and starts markup of the attacker's choosing.
 * This rewrites those pages before they are sent:
 *
 * - the JSON after `window.REDUX_STATE = ` and `window.THEME = `, and the
 *   login page's `JSON.parse('…')` of its attributes, is re-emitted with
 *   `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX` escapes (same value, inert);
 * - the page title (the branding's company name) is HTML-escaped;
 * - AdminJS's own inline scripts, and only those, get the response's CSP
 *   nonce, so no other inline script can run.
 *
 * It fails closed: an HTML page with a `<script` that is not one of the two
 * known shapes (an AdminJS upgrade changed its template, say) is refused
 * with a 500 rather than served unescaped.
 */

/** Thrown when a page does not have the shape this module knows how to make safe. */
export class UnsafeAdminHtmlError extends Error {
  constructor(detail: string) {
    super(`Refusing to serve an admin page that could not be made safe: ${detail}`);
    this.name = 'UnsafeAdminHtmlError';
  }
}

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;
const escapeForScript = (json: string) => json.replace(UNSAFE_IN_SCRIPT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The index just past the JSON object or array that starts at `start`. JSON
 * text can hold a bracket only inside a string, and a `"` inside a string
 * only escaped, so tracking strings and depth finds the exact end.
 */
function jsonEnd(text: string, start: number): number {
  const first = text[start];
  if (first !== '{' && first !== '[') throw new UnsafeAdminHtmlError(`expected JSON at offset ${start}`);
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new UnsafeAdminHtmlError('unterminated JSON');
}

/**
 * Replaces the JSON that follows `marker` (once, required) with its escaped
 * form, `wrap` deciding what stands in for `marker…JSON…suffix`.
 */
function rewriteJsonAfter(html: string, marker: string, suffix: string, wrap: (json: string) => string): string {
  const at = html.indexOf(marker);
  if (at < 0) throw new UnsafeAdminHtmlError(`"${marker.trim()}" is missing`);
  const start = at + marker.length;
  const end = jsonEnd(html, start);
  const json = html.slice(start, end);
  try {
    JSON.parse(json);
  } catch {
    throw new UnsafeAdminHtmlError(`the JSON after "${marker.trim()}" does not parse`);
  }
  if (!html.startsWith(suffix, end)) throw new UnsafeAdminHtmlError(`"${marker.trim()}…" is not followed by "${suffix}"`);
  const rest = html.slice(end + suffix.length);
  if (rest.includes(marker)) throw new UnsafeAdminHtmlError(`"${marker.trim()}" appears twice`);
  return html.slice(0, at) + wrap(escapeForScript(json)) + rest;
}

/** How AdminJS's own inline scripts begin (after `<script>` and white space). */
const KNOWN_INLINE_SCRIPTS = [
  /^window\.REDUX_STATE = /,
  /^try \{\s*window\.__APP_STATE__ = /,
  /^var app = document\.getElementById\('app'\);/,
];

/** Adds `nonce` to each bare `<script>` whose body starts like one of AdminJS's; counts them. */
function addNonces(html: string, nonce: string): { html: string; count: number } {
  let count = 0;
  const out = html.replace(/<script>(\s*)/g, (tag, space: string, offset: number) => {
    const body = html.slice(offset + tag.length);
    if (!KNOWN_INLINE_SCRIPTS.some((start) => start.test(body))) return tag; // left without a nonce: the CSP blocks it
    count++;
    return `<script nonce="${nonce}">${space}`;
  });
  return { html: out, count };
}

/**
 * Makes one AdminJS page safe to send under a CSP with `nonce`. Pages
 * without any `<script` (our own, already escaped) come back unchanged.
 */
export function secureAdminHtml(html: string, nonce: string, companyName: string): string {
  if (!/<script/i.test(html)) return html;
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new UnsafeAdminHtmlError('no valid CSP nonce for this response');
  const login = html.includes('window.__APP_STATE__ = JSON.parse(\'');
  let out = rewriteJsonAfter(html, 'window.REDUX_STATE = ', ';', (json) => `window.REDUX_STATE = ${json};`);
  out = rewriteJsonAfter(out, 'window.THEME = ', ';', (json) => `window.THEME = ${json};`);
  if (login) {
    // The template wraps the JSON in a single-quoted string literal, which a `'` in an error message ends.
    out = rewriteJsonAfter(out, 'window.__APP_STATE__ = JSON.parse(\'', '\')', (json) => `window.__APP_STATE__ = (${json})`);
  }
  const title = `<title>${companyName}</title>`;
  if (!out.includes(title)) throw new UnsafeAdminHtmlError('the page title is not the branding\'s company name');
  out = out.replace(title, () => `<title>${escapeHtml(companyName)}</title>`);
  const { html: nonced, count } = addNonces(out, nonce);
  const expected = login ? 3 : 2;
  if (count !== expected) throw new UnsafeAdminHtmlError(`found ${count} of AdminJS's ${expected} inline scripts`);
  return nonced;
}

const isHtml = (res: Response) => {
  const type = res.get('Content-Type');
  return type === undefined || /^text\/html\b/i.test(type);
};

/**
 * Middleware for the admin's mount path: every HTML page sent with
 * `res.send` goes through {@link secureAdminHtml}, with the nonce the
 * security-headers middleware put in `res.locals.cspNonce`. A page that
 * cannot be made safe is answered with a 500 problem instead, and logged.
 */
export function safeAdminHtml(companyName: string, logger?: Logger): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body !== 'string' || !isHtml(res)) return send(body);
      let safe: string;
      try {
        safe = secureAdminHtml(body, String(res.locals.cspNonce ?? ''), companyName);
      } catch (error) {
        // The route already ran (this is its res.send), so answer here instead of calling next() a second time.
        logger?.error('An admin page was refused', error);
        const refusal = new AppError('unsafe_admin_page', 500, 'This admin page could not be made safe to show, so it was not sent.');
        res.status(refusal.status).type('application/problem+json');
        return send(JSON.stringify(problemBody(refusal)));
      }
      return send(safe);
    };
    next();
  };
}
