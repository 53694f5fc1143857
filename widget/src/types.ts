import type { WidgetTheme } from '../../models/site-key.model.js';
import type { WidgetConfig } from '../../server/intake/widget-config.js';
import type { ComponentType } from 'preact';

export type { WidgetConfig };

/** What the embedding page asked for, read once from the widget's script tag. */
export interface WidgetOptions {
  key: string;
  /** Origin (and path prefix) of the LeadHarbor server: where widget.js came from, or data-api. */
  api: string;
  /** The script's own URL, against which the second chunk is resolved. */
  src: string;
  /** A selector (data-target), or also an element (the `mount` command). */
  target?: string | Element;
  popup: boolean;
  product?: string;
  lang: Lang;
  /** Theme overrides from data-color and friends; they win over the site key's theme. */
  theme: Theme;
  /** The script tag itself: inline widgets render right after it. */
  script: HTMLScriptElement | null;
}

export type Lang = 'en' | 'es';

/** The site key's theme shape; data-* attributes fill the same entries. */
export type Theme = WidgetTheme;

/** The fields the visitor fills: the product, and those with an intake rule. */
/** The fields the visitor types in (validate.ts holds their rules). */
export type InputField = 'first_name' | 'last_name' | 'date_of_birth' | 'zip_code' | 'state' | 'email' | 'phone';
export type FormField = 'product' | InputField;

export type Values = Partial<Record<FormField, string>> & { consent?: boolean; website?: string };
export type Errors = Partial<Record<string, string>>;

/** A field error as the intake API reports it (problem+json `errors[]`). */
export interface FieldProblem { field: string; code: string; message: string }

/** How a submission ended, as far as the visitor is concerned. */
export type SendOutcome =
  | { kind: 'sent'; reference: string }
  | { kind: 'invalid'; errors: FieldProblem[] }
  | { kind: 'queued' }
  | { kind: 'failed'; status: number; detail: string };

/** What the first chunk's App is given when a widget is mounted. */
export interface AppProps { opts: WidgetOptions; rt: Runtime; host: HTMLElement }

/** Widget-wide state the steps read and change; owned by the App component of the first chunk. */
export interface FlowState {
  /** 0-3 are the form steps; then the result screens. */
  step: number | 'done' | 'failed' | 'queued';
  values: Values;
  errors: Errors;
  sending?: boolean;
  reference?: string;
  detail?: string;
  config?: WidgetConfig;
  /** The configuration or the second chunk could not be fetched. */
  down?: boolean;
  /** The server refused the key or this page's origin: no retry can help. */
  off?: boolean;
  /** A message above the form: a submission from an earlier page view was refused and dropped. */
  notice?: string;
  /** The second chunk, once loaded. */
  steps?: StepsModule;
  /** Popup mode: the dialog is open. */
  open?: boolean;
  /** Text of the live region. */
  live?: string;
}

/** The App as the second chunk sees it. */
export interface FlowHost {
  readonly props: AppProps;
  readonly state: FlowState;
  readonly startedAt: number;
  setState(patch: Partial<FlowState>, then?: () => void): void;
  t(key: string): string;
  /** Shows a step and moves focus to its heading. */
  go(step: FlowState['step']): void;
}

/** A table of words by key, one per language (widget/src/words/). */
export type Strings = Record<string, string>;

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
export interface Instance {
  key: string;
  /** Popup mode: `open` and `close` are for it. */
  p?: boolean;
  /** Its <leadharbor-widget> element: once that has left the page, the widget is forgotten. */
  h: Element;
  toggle(open: boolean): void;
}

export type Handler = (detail: unknown) => void;

/** The policy that blesses the second chunk's URL, as Trusted Types pages require (`trusted-types leadharbor`). */
export interface ScriptUrlPolicy { createScriptURL(url: string): string }

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
  /** URL of the widget.js that installed the runtime: `mount` resolves the second chunk and the API against it. */
  u?: string;
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
  /** The Trusted Types policy, created once per page (a second createPolicy of the same name throws). */
  y?: ScriptUrlPolicy | null;
}
