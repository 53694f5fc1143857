import { pickLang, readOptions } from '../../widget/src/options.js';
import { install, type Runtime } from '../../widget/src/runtime.js';
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

  it('opens and closes widgets by site key, and never throws back at the page', () => {
    w.window = {};
    const [rt] = install(init());
    const calls: string[] = [];
    rt.i.push({ key: 'pk_a', toggle: (open) => calls.push(`a ${open}`) }, { key: 'pk_b', toggle: (open) => calls.push(`b ${open}`) });
    const api = w.window.LeadHarbor as (...args: unknown[]) => void;
    api('open', 'pk_b');
    api('close');
    (rt as Runtime).i.push({ key: 'pk_c', toggle: () => { throw new Error('boom'); } });
    expect(() => api('open', 'pk_c')).not.toThrow();
    expect(() => api('on', 'submitted', 'not a function')).not.toThrow();
    expect(calls).toEqual(['b true', 'a false']);
  });
});
