import type { Express } from 'express';

/**
 * A few rules on top of AdminJS's theme, served as a stylesheet AdminJS links
 * (its `assets.styles` option). Table cells break long values letter by letter
 * by default (an email becomes a column of fragments); keep them on one line
 * and let a wide table scroll sideways instead. A field's message has a
 * fixed one-line height, so a longer one ran under the next field: let it
 * grow. Consent texts are paragraphs: give their boxes room for one.
 */
const CSS = `
section table { display: block; overflow-x: auto; max-width: 100%; }
section table td, section table th { white-space: nowrap; word-break: normal; }
section table td { max-width: 22rem; overflow: hidden; text-overflow: ellipsis; }
[data-testid^="property-edit-"] .adminjs_Input ~ .adminjs_Text { height: auto; min-height: 24px; }
[data-testid^="property-edit-consent_text"] textarea { min-height: 7.5em; }
`;

export const ADMIN_STYLES_PATH = '/admin-assets/leadharbor.css';

export function serveAdminStyles(app: Express): void {
  app.get(ADMIN_STYLES_PATH, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CSS);
  });
}
