/// <reference path="./env.d.ts" />
import type { ComponentType } from 'preact';
import type { Strings } from './strings.js';
import type { FlowHost, Lang, WidgetOptions } from './types.js';

/** What the second chunk hands over when it has loaded. */
export interface StepsModule {
  /** Renders steps 2-4 and the result screens. */
  View: ComponentType<{ app: FlowHost }>;
  /** Checks a step's fields, then moves on or points at the first invalid one. */
  next(app: FlowHost, step: number): void;
  /** Called once per widget: sends what an earlier page view left in the outbox, and listens for `online`. */
  start(app: FlowHost): void;
  /** Styles of the later steps, added to each widget's shadow root. */
  css: string;
}

/** A mounted widget, as the `LeadHarbor()` commands see it. */
export interface Instance { key: string; toggle(open: boolean): void }

export type Handler = (detail: unknown) => void;

/**
 * State shared by every widget on the page, hung on the one global
 * `LeadHarbor` function (as `LeadHarbor._`) so that a second widget.js on the
 * same page, and the second chunk, reuse the first copy's Preact and handlers
 * instead of adding globals of their own.
 */
export interface Runtime {
  /** Preact as the second chunk imports it (see widget/build.ts). */
  p: Record<string, unknown>;
  /** Mounts a widget with the first copy's Preact. */
  m(opts: WidgetOptions): void;
  /** Subscribers from `LeadHarbor('on', name, fn)`. */
  h: Record<string, Handler[]>;
  i: Instance[];
  /** Words, extended by the second chunk. */
  t: Record<Lang, Strings>;
  /** The second chunk once loaded, and who waits for it. */
  s?: StepsModule;
  w: ((s: StepsModule | null) => void)[];
  /** Whether the second chunk's script tag is in (1) or failed (0). */
  l?: number;
  /** An `open` arrived before any popup widget existed. */
  o?: number;
}

interface Global { (...args: unknown[]): void; _?: Runtime; q?: ArrayLike<unknown>[] }

/**
 * The page's `LeadHarbor` runtime: installed by the first widget.js to run
 * (replacing the pre-load stub; `replay` then runs the calls it queued), found
 * by every later one. Commands: `on` (name, fn), `open` and `close` (optional
 * site key). A malformed call is ignored rather than thrown back at the page.
 */
export function install(init: Pick<Runtime, 'p' | 'm' | 't'>): [Runtime, () => void] {
  const w = window as unknown as { LeadHarbor?: Global };
  const existing = w.LeadHarbor;
  if (existing?._) return [existing._, () => {}];
  const rt: Runtime = { ...init, h: {}, i: [], w: [] };
  const api: Global = (name, arg, fn) => {
    try {
      if (name === 'on' && typeof fn === 'function') (rt.h[arg as string] ||= []).push(fn as Handler);
      if (name === 'open' || name === 'close') {
        const widget = rt.i.find((i) => arg === undefined || i.key === arg);
        if (!widget && name === 'open') rt.o = 1;
        widget?.toggle(name === 'open');
      }
    } catch {
      // nothing reaches the page
    }
  };
  api._ = rt;
  w.LeadHarbor = api;
  const queued = Array.from(existing?.q ?? []);
  return [rt, () => queued.forEach((args) => api(...Array.from(args)))];
}

/** Adds a stylesheet to a shadow root; a constructed sheet also works under a CSP that forbids inline <style>. */
export function adopt(root: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    root.appendChild(document.createElement('style')).textContent = css;
  }
}

/** Loads the second chunk once per page; `done` runs when it registers (or with null when it cannot load). */
export function needSteps(rt: Runtime, src: string, done: (s: StepsModule | null) => void): void {
  if (rt.s) return done(rt.s);
  rt.w.push(done);
  if (rt.l) return;
  rt.l = 1;
  const script = document.createElement('script');
  script.src = new URL(__STEPS__, src).href;
  script.onerror = () => {
    rt.l = 0;
    script.remove();
    rt.w.splice(0).forEach((fn) => fn(null));
  };
  document.head.appendChild(script);
}
