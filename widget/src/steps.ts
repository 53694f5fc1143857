import { next, start } from './flow.js';
import { FORM_STRINGS } from './form-strings.js';
import type { Runtime } from './runtime.js';
import { View } from './view.js';
import css from './form.css';

/**
 * widget-steps.<hash>.js: the second chunk, fetched right after step 1 is on
 * screen. It brings steps 2-4, validation, sending and the outbox, and
 * registers them with the runtime the first chunk installed (its Preact too:
 * widget/build.ts points `preact` imports here at `LeadHarbor._.p`).
 */
try {
  const rt = (window as unknown as { LeadHarbor: { _: Runtime } }).LeadHarbor._;
  if (!rt.s) {
    Object.assign(rt.t.en, FORM_STRINGS.en);
    Object.assign(rt.t.es, FORM_STRINGS.es);
    rt.s = { View, next, start, css };
    rt.w.splice(0).forEach((done) => done(rt.s!));
  }
} catch (error) {
  console.error('LeadHarbor:', error);
}
