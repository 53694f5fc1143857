import type { Express } from 'express';

/**
 * A few rules on top of AdminJS's theme, served as a stylesheet AdminJS links
 * (its `assets.styles` option). Lists (components/list/) put the table in a
 * scroll box of its own, with compact cells that wrap long values at word
 * boundaries, and show every column on a phone too (AdminJS hides all but the
 * title there), a sideways scroll away; the selection bar stays in view
 * while the page scrolls. A field's message has a fixed one-line height, so a
 * longer one ran under the next field: let it grow. Consent texts are
 * paragraphs: give their boxes room for one.
 *
 * The lead page (components/lead-page.tsx): standing and contact in one
 * band that wraps, details in two columns, one on a phone, where the call
 * and email buttons take the whole width to be easy to press.
 *
 * The board: from 1200 px every status column fits the screen (narrower
 * columns, card text wrapping), so Lost and Archived are never off-screen;
 * below that the columns scroll sideways, snapping to a column, each one a
 * little narrower than the screen so the next one peeks out as a hint. Its
 * `width: 0; min-width: 100%` keeps the board out of the page's own width
 * (AdminJS's content box grows to fit its widest child), whatever the
 * sidebar and scrollbar take.
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
.lh-board-columns {
  display: grid; gap: 8px; align-items: start; width: 0; min-width: 100%; padding-bottom: 8px;
  grid-auto-flow: column; grid-auto-columns: min(calc(100% - 24px), 340px);
  overflow-x: auto; scroll-snap-type: x mandatory; overscroll-behavior-x: contain;
}
.lh-board-column {
  scroll-snap-align: start; min-width: 0; min-height: 160px; padding: 6px;
  background: #fff; border: 1px solid #DDE1F3; border-top: 4px solid; border-radius: 6px;
}
.lh-board-column-head { display: flex; align-items: center; justify-content: space-between; gap: 4px; margin-bottom: 8px; }
.lh-board-card { padding: 6px; margin-bottom: 6px; background: #fff; border: 1px solid #DDE1F3; border-radius: 6px; cursor: grab; overflow-wrap: anywhere; }
.lh-board-card-name { display: block; font-weight: 600; }
.lh-board-card-meta a { font-size: 13px; }
.lh-board-card-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin-top: 6px; }
@media (min-width: 1200px) {
  .lh-board-columns { grid-auto-flow: row; grid-template-columns: repeat(var(--lh-board-count), minmax(0, 1fr)); overflow-x: visible; }
}
.lh-lead-head { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: center; justify-content: space-between; }
.lh-lead-standing, .lh-lead-contact { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 20px; }
.lh-lead-contact a { gap: 6px; }
.lh-lead-label, .lh-lead-fact dt { color: #454655; font-size: 12px; }
.lh-lead-consent { font-size: 14px; font-weight: 600; }
.lh-lead-none { color: #454655; font-size: 13px; }
.lh-tag-remove { border: 0; background: none; color: inherit; font: inherit; margin-left: 4px; padding: 0 2px; cursor: pointer; }
.lh-tag-picker { padding: 4px; border: 1px solid #c0c0ca; border-radius: 4px; background: #fff; font: inherit; font-size: 13px; }
.lh-consent-yes { color: #0b6e35; }
.lh-consent-no { color: #9a3412; }
.lh-lead-details { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px 32px; margin: 16px 0 0; }
.lh-lead-fact dd { margin: 2px 0 0; overflow-wrap: anywhere; }
.lh-log-activity .lh-select { margin-bottom: 0; }
.lh-log-activity > div, .lh-log-row > div, [data-testid="add-note"] > div { margin-bottom: 12px; }
.lh-log-activity .adminjs_Text:empty, [data-testid="add-note"] .adminjs_Text:empty { display: none; }
.lh-log-row { display: flex; flex-wrap: wrap; gap: 0 16px; }
.lh-log-row > * { flex: 1 1 12rem; }
.lh-timeline-filters { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 16px; }
.lh-timeline { list-style: none; margin: 0 0 16px; padding: 0; }
.lh-timeline li { padding: 10px 0; border-bottom: 1px solid #eeeeef; overflow-wrap: anywhere; }
.lh-timeline-head { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 2px 16px; }
.lh-timeline-when { color: #454655; font-size: 13px; }
.lh-pinned-notes { list-style: none; margin: 0 0 16px; padding: 0; }
.lh-pinned-notes li { padding: 10px 12px; margin-bottom: 8px; background: #fff8e1; border: 1px solid #f0d98c; border-radius: 4px; }
.lh-note-body { white-space: pre-line; overflow-wrap: anywhere; }
.lh-timeline-details { white-space: pre-line; color: #454655; margin-top: 4px; }
@media (max-width: 700px) {
  .lh-lead-details { grid-template-columns: 1fr; }
  .lh-lead-page > section, .lh-lead-page > div { padding: 16px !important; }
  .lh-lead-contact a { width: 100%; justify-content: center; align-items: center; min-height: 44px; }
}
`;

export const ADMIN_STYLES_PATH = '/admin-assets/leadharbor.css';

export function serveAdminStyles(app: Express): void {
  app.get(ADMIN_STYLES_PATH, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CSS);
  });
}
