import { MOST_NOTICES_SHOWN, sortNotices, type NoticeLike } from '../../server/admin/components/notice-rules.js';

const n = (id: string, type: NoticeLike['type']): NoticeLike => ({ id, type });
const ids = (list: NoticeLike[]) => list.map((x) => x.id);

describe('which admin notices a person sees', () => {
  it('drops every error older than a success or info notice, and keeps errors that came after it', () => {
    const { shown, dropped } = sortNotices([n('e1', 'error'), n('e2', 'error'), n('s', 'success'), n('e3', 'error')]);
    expect(ids(shown)).toEqual(['s', 'e3']);
    expect(ids(dropped)).toEqual(['e1', 'e2']);
    expect(ids(sortNotices([n('e1', 'error'), n('i', 'info')]).shown)).toEqual(['i']);
  });

  it('keeps errors side by side while nothing has succeeded since', () => {
    expect(ids(sortNotices([n('e1', 'error'), n('e2', 'error')]).shown)).toEqual(['e1', 'e2']);
  });

  it(`shows the ${MOST_NOTICES_SHOWN} newest and drops the older ones, so they cannot come back later`, () => {
    const { shown, dropped } = sortNotices(['a', 'b', 'c', 'd', 'e'].map((id) => n(id, 'success')));
    expect(ids(shown)).toEqual(['c', 'd', 'e']);
    expect(ids(dropped)).toEqual(['a', 'b']);
  });

  it('changes nothing when there is nothing to drop', () => {
    expect(sortNotices([])).toEqual({ shown: [], dropped: [] });
    expect(ids(sortNotices([n('s', 'success')]).dropped)).toEqual([]);
  });
});
