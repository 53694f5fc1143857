import { Component, createRef } from 'preact';
import { ProductStep } from './product-step.js';
import { adopt, needSteps } from './runtime.js';
import { applyTheme } from './theme.js';
import type { AppProps, FlowHost, FlowState, WidgetConfig } from './types.js';

/**
 * One widget: fetches its site key's configuration, draws the frame and
 * step 1 itself, and hands the rest to the second chunk (loaded as soon as
 * step 1 is on screen): steps 2-4, validation, sending, events. Owns the
 * state every step reads, and the focus moves between steps.
 */
export class App extends Component<AppProps, FlowState> implements FlowHost {
  startedAt = Date.now();
  /** Focus the heading after the next render (a new step, or the dialog opened). */
  private focus?: boolean;
  private heading = createRef<HTMLHeadingElement>();
  private dialog = createRef<HTMLDialogElement>();
  private fab = createRef<HTMLButtonElement>();
  override state: FlowState = { step: 0, values: { product: this.props.opts.product }, errors: {} };

  t(key: string): string {
    const { rt, opts } = this.props;
    return rt.t[opts.lang][key] ?? key;
  }

  go(step: FlowState['step']): void {
    this.focus = true;
    this.setState({ step });
  }

  override componentDidMount(): void {
    const { rt, opts } = this.props;
    rt.i.push({ key: opts.key, p: opts.popup, h: this.props.host, toggle: (open) => this.toggle(open) });
    if (opts.popup && rt.o) this.toggle(!(rt.o = 0));
    void this.load();
  }

  override componentDidUpdate(): void {
    if (this.focus) this.heading.current?.focus();
    this.focus = false;
  }

  override componentDidCatch(): void {
    // A bug in a step must not reach the page: show the retry screen instead.
    this.setState({ down: true });
  }

  /** Fetches the site key's form settings (a simple GET: no preflight), then the second chunk. */
  load = async (): Promise<void> => {
    const { opts, host, rt } = this.props;
    this.setState({ down: false });
    try {
      if (!this.state.config) {
        const res = await fetch(new URL(`api/v1/widget-config?key=${encodeURIComponent(opts.key)}&lang=${opts.lang}`, opts.api).href, { credentials: 'omit' });
        if (res.status === 401 || res.status === 403) return this.refused((await res.json().catch(() => ({}))).detail || res.status);
        if (!res.ok) throw res.status;
        const config = (await res.json()) as WidgetConfig;
        // A proxy can answer 200 with JSON of its own: drawing that would throw in App's own render, which no boundary catches.
        if (!config.organization || !Array.isArray(config.products)) throw 0;
        applyTheme(host, config.theme, opts.theme);
        this.setState({ config });
      }
      needSteps(rt, opts.src, (steps) => {
        if (!steps) return this.setState({ down: true });
        adopt(host.shadowRoot!, steps.css);
        this.setState({ steps });
        steps.start(this);
      });
    } catch {
      this.setState({ down: true });
    }
  };

  /**
   * The key or this page's origin is refused: "not available" for the
   * visitor, no retry (it cannot work), and for the site's owner one console
   * line saying what to fix, in the server's words (the origin to add, or the
   * key to check). What this key left in the outbox stays: a key switched
   * off for a while, or an origin removed by mistake, must not cost the
   * leads waiting here (they expire after a week like any other).
   */
  refused(why: string): void {
    console.warn(`LeadHarbor: ${why}`);
    this.setState({ off: true });
  }

  toggle(open: boolean): void {
    const dialog = this.dialog.current;
    if (!dialog || open === !!this.state.open) return;
    if (open) dialog.showModal();
    else dialog.close();
    this.focus = open;
    this.setState({ open });
  }

  render() {
    const { opts } = this.props;
    const { config, step, steps, down, off, notice, live, open } = this.state;
    const numbered = typeof step === 'number';
    const card = (
      <div class="lh" lang={opts.lang}>
        {opts.popup && <button type="button" class="b b2 x" onClick={() => this.toggle(false)}>{this.t('close')}</button>}
        {config && <p class="of">{config.organization.name}</p>}
        {numbered && !down && !off && <p class="of">{this.t('of').replace('{n}', String(step + 1))}</p>}
        {/* Headings past step 1 are the second chunk's words: until it is in, the heading says it is loading. */}
        <h2 id="lh-h" tabIndex={-1} ref={this.heading}>{this.t(off ? 'off' : down ? 'down' : step === 0 || steps ? `t${step}` : 'loading')}</h2>
        {notice && <p role="alert">{notice}</p>}
        {off
          ? null
          : down
          ? <button type="button" class="b" data-step="unavailable" onClick={this.load}>{this.t('retry')}</button>
          : !config
            ? <p>{this.t('loading')}</p>
            : step === 0 ? <ProductStep app={this} /> : steps && <steps.View app={this} />}
        <div class="sr" role="status">{live}</div>
      </div>
    );
    if (!opts.popup) return card;
    return (
      <>
        <button type="button" class="b fab" aria-haspopup="dialog" ref={this.fab} onClick={() => this.toggle(true)}>{this.t('cta')}</button>
        <dialog ref={this.dialog} aria-labelledby="lh-h" onClose={() => { this.setState({ open: false }); this.fab.current!.focus(); }}>
          {open && card}
        </dialog>
      </>
    );
  }
}
