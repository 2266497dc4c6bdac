import type { Page } from 'playwright-core';

/**
 * Waits until the dialog that is opening has finished its opening animation. A select opened
 * while the dialog still zooms in gets its dropdown placed for where the field was mid-animation;
 * the dropdown jumps when the animation ends, and a click aimed at an option in between lands on
 * nothing: the "pick that sometimes does not take".
 */
export async function dialogOpened(page: Page) {
  const dialog = page.locator('.ant-modal-wrap:not([style*="display: none"]) .ant-modal').last();
  await dialog.waitFor();
  await dialog.evaluate(async (el) => {
    // An animation cancelled on the way (a re-render restarting it) rejects `finished`: look again.
    for (;;) {
      const running = el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running');
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}
