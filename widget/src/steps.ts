import { next, start } from './flow.js';
import { LATER_STEPS_EN } from './words/en.js';
import { LATER_STEPS_ES } from './words/es.js';
import type { Runtime } from './types.js';
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
    Object.assign(rt.t.en, LATER_STEPS_EN);
    Object.assign(rt.t.es, LATER_STEPS_ES);
    rt.s = { View, next, start, css };
    rt.w.splice(0).forEach((done) => done(rt.s!));
  }
} catch (error) {
  console.error('LeadHarbor:', error);
}
