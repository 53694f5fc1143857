import type { Express } from 'express';

/**
 * A few rules on top of AdminJS's theme, served as a stylesheet AdminJS links
 * (its `assets.styles` option). Lists (components/list/) put the table in a
 * scroll box of its own, with compact cells that wrap long values at word
 * boundaries, and show every column on a phone too (AdminJS hides all but the
 * title there), a sideways scroll away; the selection bar stays in view
 * while the page scrolls. A field's message has a fixed one-line height, so a
 * longer one ran under the next field: let it grow. Consent texts are
 * paragraphs: give their boxes room for one. The board's columns scroll
 * sideways within the screen (beside the sidebar from 1024 px, where AdminJS
 * shows it), snapping to a column, so a phone shows a whole column rather
 * than a sliver.
 */
const CSS = `
.lh-table-scroll { overflow-x: auto; max-width: 100%; }
.lh-table-scroll table { width: 100%; }
.lh-table-scroll td, .lh-table-scroll th { padding-left: 8px; padding-right: 8px; word-break: normal; overflow-wrap: normal; }
.lh-table-scroll td { max-width: 16rem; overflow: hidden; text-overflow: ellipsis; }
.lh-table-scroll th { white-space: nowrap; }
.lh-table-scroll td, .lh-table-scroll th { display: table-cell !important; }
.lh-selection-bar { position: sticky; top: 0; z-index: 10; border: 1px solid #c8cdd6; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
.lh-select { display: block; width: 100%; padding: 8px; margin: 0 0 16px; border: 1px solid #c0c0ca; border-radius: 4px; background: #fff; font: inherit; }
[data-testid^="property-edit-"] .adminjs_Input ~ .adminjs_Text { height: auto; min-height: 24px; }
[data-testid^="property-edit-consent_text"] textarea { min-height: 7.5em; }
.lh-board-columns { max-width: calc(100vw - 64px); scroll-snap-type: x mandatory; }
.lh-board-columns > * { scroll-snap-align: start; }
@media (min-width: 1024px) { .lh-board-columns { max-width: calc(100vw - 352px); } }
`;

export const ADMIN_STYLES_PATH = '/admin-assets/leadharbor.css';

export function serveAdminStyles(app: Express): void {
  app.get(ADMIN_STYLES_PATH, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CSS);
  });
}
