import type { Locator, Page } from 'playwright-core';

/**
 * Whether a person sees the element: scrolled into view, its centre inside
 * the viewport, and nothing else on top of it there (the topmost element at
 * its centre is the element or inside it). Class names and `visible` flags
 * say nothing of a caption clipped by a scroll box or a button under a bar.
 */
export async function seenByPerson(locator: Locator): Promise<{ seen: boolean; why: string }> {
  await locator.scrollIntoViewIfNeeded();
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (box.width === 0 || box.height === 0) return { seen: false, why: 'it has no size' };
    if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) return { seen: false, why: `its centre (${Math.round(x)}, ${Math.round(y)}) is outside the viewport` };
    const top = document.elementFromPoint(x, y);
    if (!top || !(el === top || el.contains(top))) return { seen: false, why: `${top?.tagName ?? 'nothing'} "${top?.textContent?.slice(0, 40) ?? ''}" is on top of it` };
    return { seen: true, why: '' };
  });
}

/** Expectation-friendly: `expect(await seen(locator)).toEqual(SEEN)` prints why when it is not. */
export const SEEN = { seen: true, why: '' };

/** Whether the element lies wholly inside the viewport's width without any scrolling sideways (the page's or a scroll box's). */
export async function withinViewportWidth(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width + 0.5;
}
