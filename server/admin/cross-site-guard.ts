import type { RequestHandler } from 'express';

/**
 * AdminJS has no CSRF tokens, and it runs button-only actions (pipeline
 * steps) as GET requests. SameSite=Lax stops cross-site POSTs from carrying
 * the session, but not a top-level cross-site GET navigation. Browsers label
 * every request with Sec-Fetch-Site: refuse admin API calls that another site
 * started. Requests without the header (curl, tests, old browsers) pass.
 */
export const rejectCrossSite: RequestHandler = (req, res, next) => {
  const site = req.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    res.status(403).type('application/problem+json').json({
      type: 'https://leadharbor.dev/problems/cross_site_request', title: 'Forbidden', status: 403,
      code: 'cross_site_request', detail: 'Admin actions can only be started from the admin itself.',
    });
    return;
  }
  next();
};
