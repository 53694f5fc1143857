import type { RequestHandler } from 'express';
import { ADMIN_ROOT } from '../admin/admin-paths.js';
import { DOCS_PATH, OPENAPI_PATH } from '../intake/intake-paths.js';

/**
 * `/`: where a person who types the server's address lands, instead of a
 * JSON 404. Plain links only (this face's CSP allows no styles or scripts).
 */
const PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>LeadHarbor</title>
<h1>LeadHarbor</h1>
<p>Insurance lead intake and the back office to work the leads.</p>
<ul>
<li><a href="${ADMIN_ROOT}">Sign in to the back office</a>, for agency staff.</li>
<li><a href="${DOCS_PATH}">Intake API documentation</a>, for partners sending leads (<a href="${OPENAPI_PATH}">OpenAPI document</a>).</li>
</ul>
<p>To see the quote widget on a partner's page, run <code>npm run demo</code> on this machine.</p>
</html>`;

export const landingPage: RequestHandler = (_req, res) => {
  res.set('Cache-Control', 'public, max-age=300').type('html').send(PAGE);
};
