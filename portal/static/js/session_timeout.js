// WCAG 2.2.1 Timing adjustable: on any page with a form, warn the person before
// their session ends and let them stay signed in. The warning is a modal
// <dialog>: Escape closes it, closing it in any way keeps the session (the
// person is evidently here), and focus goes back to where it was.
// If the session does end, typed_text.js keeps what was typed (told by an
// event, not an import, so each script is loaded once whatever static storage
// names it) and the page is reloaded: the sign-in page brings the person back.

const warning = document.getElementById("session-warning");
const WARN_BEFORE_SECONDS = 5 * 60;

let warnTimer = null;
let endTimer = null;
let returnFocusTo = null;

function pageHasAForm() {
  return document.querySelector("main form") !== null;
}

function schedule(seconds) {
  clearTimeout(warnTimer);
  clearTimeout(endTimer);
  if (!seconds) return;
  warnTimer = setTimeout(open, Math.max(seconds - WARN_BEFORE_SECONDS, 1) * 1000);
  endTimer = setTimeout(sessionEnded, seconds * 1000);
}

function open() {
  if (warning.open) return;
  returnFocusTo = document.activeElement;
  warning.showModal();
  warning.querySelector("[data-action=stay-signed-in]").focus();
}

function restoreFocus() {
  const target = returnFocusTo;
  returnFocusTo = null;
  if (target && target !== document.body && document.contains(target)) {
    target.focus();
  }
}

async function staySignedIn() {
  const response = await fetch(warning.dataset.keepaliveUrl, {
    method: "POST",
    headers: {
      "X-CSRFToken": warning.querySelector("[name=csrfmiddlewaretoken]").value,
    },
    credentials: "same-origin",
  }).catch(() => null);
  if (response && response.ok && !response.redirected) {
    const result = await response.json();
    schedule(Number(result.seconds_left));
  } else if (response) {
    // Redirected to sign in: the session had already ended.
    sessionEnded();
  }
}

function sessionEnded() {
  document.dispatchEvent(new CustomEvent("portal:session-ended"));
  // Asking for the page again: a live session (extended in another tab)
  // simply shows it again; an ended one goes to sign-in, which returns here.
  location.reload();
}

if (warning && pageHasAForm()) {
  warning.querySelector("[data-action=stay-signed-in]").addEventListener("click", () => {
    warning.close();
  });
  // Escape fires "cancel" and then "close"; every way of closing lands here.
  warning.addEventListener("close", () => {
    restoreFocus();
    staySignedIn();
  });
  // Any request the page makes (the CPD editor's autosave) restarts the session.
  document.addEventListener("portal:session-extended", () => {
    schedule(Number(warning.dataset.sessionSeconds));
  });
  schedule(Number(warning.dataset.sessionSeconds));
}
