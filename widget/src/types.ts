import type { WidgetTheme } from '../../models/site-key.model.js';
import type { WidgetConfig } from '../../server/intake/widget-config.js';
import type { Runtime, StepsModule } from './runtime.js';
import type { RULES } from './validate.js';

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
export type FormField = 'product' | keyof typeof RULES;

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
