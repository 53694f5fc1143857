import { runInNewContext } from 'node:vm';
import { WIDGET_STUB_JS } from '../../server/widget/widget-stub.js';
import { pickLang, readOptions } from '../../widget/src/options.js';
import { install } from '../../widget/src/runtime.js';
import type { Runtime } from '../../widget/src/types.js';
import type { WidgetOptions } from '../../widget/src/types.js';
import { onColor } from '../../widget/src/theme.js';

/** A script tag as the widget reads it: its data-* attributes and its src. */
const script = (dataset: Record<string, string>, src = 'https://leads.example/widget.js') => ({ dataset, src }) as unknown as HTMLScriptElement;

describe('embed options from the script tag', () => {
  it('reads the key, target, mode, product, language and theme, and finds the API where widget.js came from', () => {
    const opts = readOptions(script({
      key: 'pk_live_1', target: '#quote', mode: 'popup', product: 'home', lang: 'es', color: '#ffcc00', textColor: '#222',
      backgroundColor: '#fafafa', radius: '0', fontFamily: 'Georgia',
    }, 'https://cdn.example/leadharbor/widget.3hRk2.js'), 'https://partner.example/', 'en-US');
    expect(opts).toMatchObject({
      key: 'pk_live_1', target: '#quote', popup: true, product: 'home', lang: 'es', api: 'https://cdn.example/leadharbor/',
      theme: { primary_color: '#ffcc00', text_color: '#222', background_color: '#fafafa', radius: '0', font_family: 'Georgia' },
    });
  });

  it('uses data-api when given, renders inline by default, and renders nothing without a key', () => {
    expect(readOptions(script({ key: 'pk_1', api: 'https://api.example/' }), 'https://p.example/')).toMatchObject({ api: 'https://api.example/', popup: false });
    expect(readOptions(script({}), 'https://p.example/')).toBeNull();
    expect(readOptions(null, 'https://p.example/')).toBeNull();
  });

  it('speaks Spanish when data-lang or else the browser asks for it, English otherwise', () => {
    expect([pickLang('es', 'en-US'), pickLang(undefined, 'es-MX'), pickLang('fr', 'es'), pickLang(undefined, 'de'), pickLang('', undefined)])
      .toEqual(['es', 'es', 'en', 'en', 'en']);
  });
});

/** WCAG contrast ratio of two #rrggbb colours, computed here independently of the widget. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe('button text colour', () => {
  it('gives AA contrast (4.5:1) on any brand colour', () => {
    const full = (c: string) => (c === '#fff' ? '#ffffff' : '#000000');
    let worst = 21;
    for (let i = 0; i < 4096; i++) {
      const colour = `#${(i * 4099).toString(16).padStart(6, '0').slice(-6)}`;
      worst = Math.min(worst, contrast(full(onColor(colour)), colour));
    }
    expect(worst).toBeGreaterThanOrEqual(4.5);
    expect(['#1d4ed8', '#595959', '#767676', '#ffcc00', '#fc0'].map(onColor)).toEqual(['#fff', '#fff', '#000', '#000', '#000']);
    expect(onColor('rebeccapurple')).toBe('#fff');
  });
});

describe('the LeadHarbor runtime', () => {
  const w = globalThis as unknown as { window?: { LeadHarbor?: unknown } };
  afterEach(() => { delete w.window; });
  const init = () => ({ p: {}, t: { en: {}, es: {} }, m: () => {} });

  it('replaces the pre-load stub and replays its queue: subscriptions kept, an early open remembered', () => {
    const stub = Object.assign(() => {}, { q: [['on', 'submitted', () => 'a'], ['open'], ['unknown', 1]] });
    w.window = { LeadHarbor: stub };
    const [rt, replay] = install(init());
    replay();
    expect(w.window.LeadHarbor).not.toBe(stub);
    expect(rt.h.submitted).toHaveLength(1);
    expect(rt.o).toBe(1);
  });

  it('is shared by a second widget.js on the page, which adds no global of its own', () => {
    w.window = {};
    const [first] = install(init());
    const api = w.window.LeadHarbor;
    const [second] = install(init());
    expect(second).toBe(first);
    expect(w.window.LeadHarbor).toBe(api);
    expect(Object.keys(w.window)).toEqual(['LeadHarbor']);
  });

  const on = { isConnected: true } as Element;

  it('opens and closes popup widgets by site key, and never throws back at the page', () => {
    w.window = {};
    const [rt] = install(init());
    const calls: string[] = [];
    rt.i.push(
      { key: 'pk_inline', h: on, toggle: (open) => calls.push(`inline ${open}`) },
      { key: 'pk_a', p: true, h: on, toggle: (open) => calls.push(`a ${open}`) },
      { key: 'pk_b', p: true, h: on, toggle: (open) => calls.push(`b ${open}`) },
    );
    const api = w.window.LeadHarbor as (...args: unknown[]) => void;
    api('open', 'pk_b');
    api('close');
    api('open', 'pk_inline'); // an inline widget has nothing to open
    (rt as Runtime).i.push({ key: 'pk_c', p: true, h: on, toggle: () => { throw new Error('boom'); } });
    expect(() => api('open', 'pk_c')).not.toThrow();
    expect(() => api('on', 'submitted', 'not a function')).not.toThrow();
    expect(calls).toEqual(['b true', 'a false']);
  });

  it("forgets a widget whose element left the page: open reaches the live one, or none (then it is kept for the next popup)", () => {
    w.window = {};
    const [rt] = install(init());
    const calls: string[] = [];
    const gone = { isConnected: false } as Element;
    rt.i.push({ key: 'pk_a', p: true, h: gone, toggle: () => calls.push('gone') });
    const api = w.window.LeadHarbor as (...args: unknown[]) => void;
    api('open');
    expect(calls).toEqual([]);
    expect(rt.i).toEqual([]);
    expect(rt.o).toBe(1);
    rt.i.push({ key: 'pk_a', p: true, h: on, toggle: (open) => calls.push(`live ${open}`) });
    api('open');
    expect(calls).toEqual(['live true']);
  });

  it('mounts from settings like the data-* attributes, resolved against widget.js, and unmounts by key, selector or element', () => {
    const mounted: WidgetOptions[] = [];
    const removed: string[] = [];
    const slot = { id: 'slot' };
    (globalThis as unknown as { location: unknown }).location = { href: 'https://partner.example/spa' };
    const hadNavigator = 'navigator' in globalThis; // Node 21+ has one
    if (!hadNavigator) (globalThis as unknown as { navigator: unknown }).navigator = { language: 'en-US' };
    (globalThis as unknown as { document: unknown }).document = { querySelector: (s: string) => (s === '#slot' ? slot : null) };
    try {
      w.window = {};
      const [rt] = install({ ...init(), u: 'https://leads.example/widget.js', m: (o: WidgetOptions) => mounted.push(o) });
      const api = w.window.LeadHarbor as (...args: unknown[]) => void;
      api('mount', { key: 'pk_spa', target: '#slot', mode: 'popup', lang: 'es', color: '#123456' });
      api('mount', { target: '#slot' }); // no key: nothing to mount
      expect(mounted).toHaveLength(1);
      expect(mounted[0]).toMatchObject({
        key: 'pk_spa', target: '#slot', popup: true, lang: 'es', src: 'https://leads.example/widget.js', api: 'https://leads.example/',
        theme: { primary_color: '#123456' },
      });
      const widget = (key: string, parent: unknown) => ({ key, h: { isConnected: true, parentNode: parent, remove() { removed.push(key); (this as { isConnected: boolean }).isConnected = false; } } as unknown as Element, toggle() {} });
      const other = {};
      rt.i.push(widget('pk_spa', slot), widget('pk_x', other), widget('pk_y', other));
      api('unmount', '#slot');
      api('unmount', 'pk_x');
      expect(removed).toEqual(['pk_spa', 'pk_x']);
      expect(rt.i.map((i) => i.key)).toEqual(['pk_y']);
      api('unmount', other);
      api('unmount', '>>> not a selector');
      expect(rt.i).toEqual([]);
    } finally {
      delete (globalThis as { location?: unknown }).location;
      delete (globalThis as { document?: unknown }).document;
      if (!hadNavigator) delete (globalThis as { navigator?: unknown }).navigator;
    }
  });

  it('replays what the pre-load stub file (/widget-stub.js) queued, in order', () => {
    const sandbox: Record<string, unknown> = {};
    sandbox.window = sandbox;
    runInNewContext(`${WIDGET_STUB_JS}; LeadHarbor('on', 'submitted', function () {}); LeadHarbor('open'); window.LeadHarbor = window.LeadHarbor || 'replaced?';`, sandbox);
    w.window = { LeadHarbor: sandbox.LeadHarbor };
    expect((sandbox.LeadHarbor as { q: unknown[] }).q).toHaveLength(2);
    const [rt, replay] = install(init());
    replay();
    expect(rt.h.submitted).toHaveLength(1);
    expect(rt.o).toBe(1);
  });
});
