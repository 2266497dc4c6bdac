import type { Page } from 'playwright-core';

/**
 * Waits until the dialog that is opening has finished its opening animation. A select opened
 * while the dialog still zooms in gets its dropdown placed for where the field was mid-animation;
 * the dropdown jumps when the animation ends, and a click aimed at an option in between lands on
 * nothing: the "pick that sometimes does not take".
 */
export async function dialogOpened(page: Page) {
  await finishedOpening(page, '.ant-modal-wrap:not([style*="display: none"]) .ant-modal');
}

/**
 * The same for a drawer: it slides in from the side, and a click aimed at a button in it while it
 * moves lands where the button no longer is.
 */
export async function drawerOpened(page: Page) {
  await finishedOpening(page, '.ant-drawer-open .ant-drawer-content-wrapper');
}

/**
 * The same for a top-level popup (a Popconfirm or Popover): it zooms in from its trigger, and a click
 * aimed at a button in it while it grows lands where the button no longer is. A popup that is closing
 * (still leaving, not yet hidden) is not the one opening.
 */
export async function popupOpened(page: Page) {
  await finishedOpening(page, '.ant-popover:not(.ant-popover-hidden):not([class*="-leave"])');
}

/**
 * The same for a select's dropdown: it slides in, and an option clicked while it moves (or while a
 * search re-renders it) is missed — the tree select's "pick that sometimes does not take".
 */
export async function dropdownOpened(page: Page) {
  await finishedOpening(page, '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
}

/** Waits for the last element matching `selector` to show, then for its entering motion to end. */
async function finishedOpening(page: Page, selector: string) {
  const panel = page.locator(selector).last();
  await panel.waitFor();
  await panel.evaluate(async (el) => {
    // The motion's class (`…-enter`, `…-appear`) is there from before its animation starts until
    // after it ends: an element seen in between, with nothing running yet, has still to move.
    const entering = () => [...el.classList].some((c) => /-(?:enter|appear)(?:-|$)/.test(c));
    for (;;) {
      // An animation cancelled on the way (a re-render restarting it) rejects `finished`: look again.
      // One that never ends (a loading skeleton or spinner) is no part of the opening.
      const running = el
        .getAnimations({ subtree: true })
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
      if (running.length > 0) await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
      else if (!entering() || !el.isConnected) return;
      else await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
}
