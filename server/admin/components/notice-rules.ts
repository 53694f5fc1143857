/** The part of AdminJS's notice in its Redux state that these rules read. */
export interface NoticeLike {
  id: string;
  type?: 'success' | 'error' | 'info' | string;
}

/** A success or info notice goes by itself after this long; an error stays until closed or superseded. */
export const NOTICE_SHOWN_MS = 5_000;
/** More than this many at once pushes the form off a phone's screen. */
export const MOST_NOTICES_SHOWN = 3;

export const isError = (notice: NoticeLike) => notice.type === 'error';

/**
 * Which of the notices in AdminJS's state (oldest first, as its reducer
 * appends them) a person should see, and which should leave the state.
 * An error is superseded by any later success or info: once staff have
 * fixed a form and saved it, "some fields need attention" is no longer
 * true, and leaving it beside "Lead saved." reads as if the save half
 * failed. Of the rest only the newest MOST_NOTICES_SHOWN are shown; older
 * ones are dropped rather than hidden, so they cannot reappear later when a
 * newer one goes.
 */
export function sortNotices<T extends NoticeLike>(notices: readonly T[]): { shown: T[]; dropped: T[] } {
  let lastSuccess = -1;
  notices.forEach((n, i) => { if (!isError(n)) lastSuccess = i; });
  const current = notices.filter((n, i) => !(isError(n) && i < lastSuccess));
  const shown = current.slice(-MOST_NOTICES_SHOWN);
  return { shown, dropped: notices.filter((n) => !shown.includes(n)) };
}
