import type { FlowHost, FlowState } from './types.js';

/** What the later steps do to the App of the first chunk, kept here so the first chunk stays small. */

/** Says something through the widget's live region; the same words twice are made to differ invisibly, so they are spoken again. */
export function announce(app: FlowHost, text: string): void {
  app.setState({ live: text === app.state.live ? `${text}\u00a0` : text });
}

/** Shows errors (and maybe another step), then moves focus to the first invalid field once they are on screen. */
export function showErrors(app: FlowHost, patch: Partial<FlowState>): void {
  app.setState(patch, () => {
    const field = app.props.host.shadowRoot!.querySelector<HTMLElement>('[aria-invalid=true]');
    (field?.querySelector('input') ?? field)?.focus();
  });
  announce(app, app.t('fix'));
}

/** Tells the page: a DOM event on the host (bubbling out of the shadow root) and the `LeadHarbor('on', …)` subscribers. */
export function emit(app: FlowHost, name: string, detail: object): void {
  const { rt, host, opts } = app.props;
  const payload = { key: opts.key, ...detail };
  host.dispatchEvent(new CustomEvent(`leadharbor:${name}`, { detail: payload, bubbles: true, composed: true }));
  for (const fn of rt.h[name] || []) {
    try {
      fn(payload);
    } catch (error) {
      console.error(error); // the page's own handler failed; the widget carries on
    }
  }
}
