// Nothing typed is lost when a session ends (WCAG 2.2.1): what a person types
// into a page's forms is kept in this browser tab's sessionStorage, keyed by
// the page's path, and put back when they return to that page after signing
// in again. It is cleared once a submit of that form reaches the server.
//
// Why sessionStorage: it never leaves the device (nothing is stored on the
// server in the clear), it belongs to this tab only and goes when the tab is
// closed, which suits a shared office computer better than localStorage.
// Signing out clears it too. Passwords, files and hidden fields are never kept.
// session_timeout.js says when the session has ended (a "portal:session-ended"
// event), which marks the text to be put back after signing in again.
// The CPD editor (forms with data-autosave-url) saves drafts to the server and
// keeps its own backup, so it is left alone here.

const PREFIX = "portal-typed:";
const SUBMITTED = "portal-typed-submitted";
const SKIPPED_TYPES = new Set(["password", "hidden", "file", "submit", "button"]);

function keyFor(path) {
  return PREFIX + path;
}

function keptForms() {
  return [...document.querySelectorAll("main form[method=post]")].filter(
    (form) => !form.hasAttribute("data-autosave-url") && !form.hasAttribute("data-sign-in-page"),
  );
}

function fieldsOf(form) {
  return [...form.elements].filter(
    (field) => field.name && !SKIPPED_TYPES.has(field.type),
  );
}

function valuesOf(form) {
  const values = {};
  for (const field of fieldsOf(form)) {
    if (field.type === "checkbox" || field.type === "radio") {
      if (field.checked) values[field.name] = [].concat(values[field.name] ?? [], field.value);
    } else if (field.multiple) {
      values[field.name] = [...field.selectedOptions].map((option) => option.value);
    } else {
      values[field.name] = field.value;
    }
  }
  return values;
}

function store(key, value) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be full or disabled; the form still works as it is.
  }
}

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch {
    return null;
  }
}

/** Keep what is typed on this page now; ``ended`` when the session has
 * ended, which is what makes it come back on the next visit. */
function keepTypedText({ ended = false } = {}) {
  const forms = keptForms().map(valuesOf);
  store(keyFor(location.pathname), forms.length ? { ended, forms } : null);
}

function putBack(form, values) {
  let changed = false;
  for (const field of fieldsOf(form)) {
    if (!(field.name in values)) {
      if (field.type === "checkbox" || field.type === "radio") field.checked = false;
      continue;
    }
    const value = values[field.name];
    if (field.type === "checkbox" || field.type === "radio") {
      field.checked = [].concat(value).includes(field.value);
    } else if (field.multiple) {
      for (const option of field.options) option.selected = value.includes(option.value);
    } else if (field.value !== value) {
      field.value = value;
      changed = changed || value !== "";
    }
  }
  return changed;
}

function announce() {
  const main = document.getElementById("main-content");
  const notice = document.createElement("div");
  notice.className = "govuk-inset-text";
  notice.setAttribute("role", "status");
  notice.dataset.testid = "typed-text-restored";
  notice.textContent =
    "We have put back what you typed before you were signed out. Check it, then send the form again.";
  main.prepend(notice);
}

function onLoad() {
  const signInPage = document.querySelector("[data-sign-in-page]") !== null;
  const submitted = read(SUBMITTED);
  store(SUBMITTED, null);
  if (submitted) {
    const kept = read(keyFor(submitted));
    if (signInPage && kept) {
      // The submit met an ended session: keep the text for after sign-in.
      store(keyFor(submitted), { ...kept, ended: true });
    } else if (!signInPage) {
      // The submit reached the server (this is its answer): the page now
      // shows what the server holds.
      store(keyFor(submitted), null);
    }
  }
  if (signInPage) return;
  const forms = keptForms();
  const kept = read(keyFor(location.pathname));
  if (kept && kept.ended) {
    store(keyFor(location.pathname), { ...kept, ended: false });
    const restored = forms.some(
      (form, index) => kept.forms[index] && putBack(form, kept.forms[index]),
    );
    if (restored) announce();
  }
  for (const form of forms) {
    form.addEventListener("input", () => keepTypedText());
    form.addEventListener("change", () => keepTypedText());
    form.addEventListener("submit", () => {
      keepTypedText();
      store(SUBMITTED, location.pathname);
    });
  }
  document.addEventListener("portal:session-ended", () => keepTypedText({ ended: true }));
  for (const signOut of document.querySelectorAll("[data-sign-out]")) {
    signOut.addEventListener("submit", () => {
      for (const key of Object.keys(sessionStorage)) {
        if (key.startsWith(PREFIX)) store(key, null);
      }
    });
  }
}

onLoad();
