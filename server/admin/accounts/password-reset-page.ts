import express, { type Router } from 'express';
import type { Sequelize } from 'sequelize';
import { escapeHtml } from '../../http/escape-html.js';
import { MIN_PASSWORD_LENGTH, RESET_PATH, passwordProblem, resetLinkValid, useResetLink } from './password-reset.js';

/** base64url of 32 bytes: anything else is not one of our links, and is never looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · LeadHarbor</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#f6f7fb;color:#1f2933;margin:0;display:flex;justify-content:center;padding:48px 16px}
main{background:#fff;max-width:420px;width:100%;padding:32px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:22px;margin:0 0 16px}label{display:block;margin:16px 0 4px;font-weight:600}input{width:100%;box-sizing:border-box;padding:10px;font-size:16px;border:1px solid #9aa5b1;border-radius:4px}
button{margin-top:24px;width:100%;padding:12px;font-size:16px;background:#3040d6;color:#fff;border:0;border-radius:4px;cursor:pointer}
.error{background:#fde8e8;color:#8a1c1c;padding:12px;border-radius:4px}a{color:#3040d6}</style></head>
<body><main>${body}</main></body></html>`;
}

function form(error?: string): string {
  return page('Choose a new password', `<h1>Choose a new password</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post"><label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<p style="margin:4px 0 0;color:#52606d;font-size:14px">At least ${MIN_PASSWORD_LENGTH} characters.</p>
<label for="confirmation">Type it again</label>
<input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
<button type="submit">Save password</button></form>`);
}

const EXPIRED = page('Link expired', `<h1>This link no longer works</h1>
<p>It has expired, was already used, or was replaced by a newer one. Ask your organization admin for a new link.</p>
<p><a href="/admin/login">Go to sign-in</a></p>`);

/**
 * The page a reset link opens, outside the admin login: choose a password,
 * then sign in with it. The token is in the path, so the page sends no
 * Referer anywhere and is never cached.
 */
export function passwordResetPage(sequelize: Sequelize): Router {
  const router = express.Router();
  router.use(RESET_PATH, (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    next();
  });
  router.get(`${RESET_PATH}/:token`, async (req, res, next) => {
    try {
      const ok = TOKEN.test(req.params.token) && await resetLinkValid(sequelize, req.params.token);
      res.status(ok ? 200 : 410).type('html').send(ok ? form() : EXPIRED);
    } catch (error) { next(error); }
  });
  router.post(`${RESET_PATH}/:token`, express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }), async (req, res, next) => {
    try {
      if (!TOKEN.test(req.params.token)) { res.status(410).type('html').send(EXPIRED); return; }
      const { password, confirmation } = (req.body ?? {}) as Record<string, unknown>;
      const problem = passwordProblem(password, confirmation ?? '');
      if (problem) { res.status(422).type('html').send(form(problem)); return; }
      if (!(await useResetLink(sequelize, req.params.token, password as string))) { res.status(410).type('html').send(EXPIRED); return; }
      res.type('html').send(page('Password saved', `<h1>Your password is saved</h1><p>Sign in with your email and the new password.</p>
<p><a href="/admin/login">Go to sign-in</a></p>`));
    } catch (error) { next(error); }
  });
  return router;
}
