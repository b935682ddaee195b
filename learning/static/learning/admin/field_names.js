// Wagtail's rich text editor (Draftail) draws its own editing box, a
// contenteditable role="textbox", while the field's <label> points at the
// hidden input it replaces, so the box has no accessible name (axe:
// aria-input-field-name). Upstream: https://github.com/wagtail/wagtail/issues/14205
// Until that is fixed, name each such box after its field's label. Editors in
// StreamField blocks and inline panels appear later, hence the observer.
(() => {
  const nameTextboxes = () => {
    const boxes = document.querySelectorAll(
      '[role="textbox"][contenteditable="true"]:not([aria-labelledby]):not([aria-label])',
    );
    for (const box of boxes) {
      const wrapper = box.closest("[data-field-wrapper], .w-field__wrapper, .w-field");
      const input = wrapper && wrapper.querySelector("input[id], textarea[id]");
      const label =
        (input && document.querySelector(`label[for="${input.id}"]`)) ||
        (wrapper && wrapper.querySelector("label"));
      if (!label) continue;
      if (!label.id) {
        label.id = `${input ? input.id : "rich-text"}-label`;
      }
      box.setAttribute("aria-labelledby", label.id);
    }
  };
  nameTextboxes();
  new MutationObserver(nameTextboxes).observe(document.body, {
    childList: true,
    subtree: true,
  });
})();
