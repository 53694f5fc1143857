import { PAGE_SIZES, countOf, filterKey, filterParams, pageSize, withParams } from '../../server/admin/components/list/list-query.js';

const q = (s: string) => new URLSearchParams(s);

describe('the list state in the URL', () => {
  it('takes the page size from the URL, else the remembered one, else the smallest, and only sizes it offers', () => {
    expect(pageSize(q('perPage=50'), '25')).toBe(50);
    expect(pageSize(q(''), '25')).toBe(25);
    expect(pageSize(q(''), null)).toBe(PAGE_SIZES[0]);
    for (const odd of ['500', '0', '-10', '25.5', 'abc', '1e2']) expect(pageSize(q(`perPage=${odd}`), odd)).toBe(10);
  });

  it('sees a new filter only when what is matched changes, not the page, size or sort', () => {
    const base = filterKey(q('filters.status=new&filters.search=ann'));
    expect(filterKey(q('filters.search=ann&filters.status=new&page=3&perPage=50&sortBy=score&direction=asc&refresh=true'))).toBe(base);
    expect(filterKey(q('filters.status=new&filters.search=anne'))).not.toBe(base);
    expect(filterParams(q('filters.status=new&page=2&sortBy=x')).toString()).toBe('filters.status=new');
  });

  it('goes back to page 1 on any change but the page, and removes emptied parameters', () => {
    expect(withParams(q('page=4&filters.search=x'), { 'filters.search': 'y' }).toString()).toBe('filters.search=y');
    expect(withParams(q('page=4&filters.search=x'), { 'filters.search': '' }).toString()).toBe('');
    expect(withParams(q('filters.search=x'), { page: '2' }).toString()).toBe('filters.search=x&page=2');
  });

  it('counts as a person writes them', () => {
    expect([countOf(1, 'lead', 'leads'), countOf(0, 'lead', 'leads'), countOf(12345, 'lead', 'leads')]).toEqual(['1 lead', '0 leads', '12,345 leads']);
  });
});
