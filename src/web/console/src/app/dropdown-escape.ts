/**
 * Escape in an open dropdown (a select, tree select, cascader or auto-complete inside a dialog)
 * closes the dropdown, not the dialog around it. The dropdown closes itself while the key event
 * passes through React; the dialogs listen for Escape on `window` afterwards, and may by then
 * find themselves on top. This notes such a key press on its way down and stops it at `window`
 * before the dialogs' listener: installed once at start-up, before any dialog adds its own.
 */
export function keepDialogsOnDropdownEscape(target: Window = window): void {
  let fromDropdown: Event | null = null;
  target.addEventListener(
    'keydown',
    (event) => {
      const el = event.target;
      fromDropdown =
        event.key === 'Escape' && el instanceof Element && el.closest('[role="combobox"][aria-expanded="true"]')
          ? event
          : null;
    },
    true,
  );
  target.addEventListener('keydown', (event) => {
    if (event === fromDropdown) event.stopImmediatePropagation();
    fromDropdown = null;
  });
}
