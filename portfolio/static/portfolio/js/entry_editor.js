// The CPD entry editor: nothing typed is lost.
// - drafts save while the person types, and when they leave the page;
// - what they type is also kept in this browser until the server has it;
// - each save restarts the session, so the site-wide timeout warning
//   (portal/static/js/session_timeout.js) starts its count again.
// Without JavaScript the form still works with its Save buttons.

const form = document.querySelector("[data-autosave-url]");
const status = document.getElementById("autosave-status");
const SAVE_DELAY_MS = 1500;

let saveTimer = null;
let inFlight = null;

function csrfToken() {
  return form.querySelector("[name=csrfmiddlewaretoken]").value;
}

function draftData() {
  const data = new FormData(form);
  data.delete("complete");
  data.delete("draft");
  return data;
}

function say(message) {
  status.textContent = message;
}

// What the confidentiality check found in the saved draft, shown as text (a
// heading, each field's name as a link to it, the flagged words quoted and
// why), never by colour alone. Built with textContent: it quotes what was typed.
function showFindings(findings) {
  const region = document.getElementById("confidentiality-findings");
  region.replaceChildren();
  if (!findings || findings.length === 0) return;
  const panel = document.createElement("div");
  panel.className = "govuk-inset-text portal-findings";
  const heading = document.createElement("h2");
  heading.className = "govuk-heading-s";
  heading.textContent = "Check your draft: this may identify someone";
  const advice = document.createElement("p");
  advice.className = "govuk-body";
  advice.textContent =
    "Reflections must not identify people who use services. Change the text below before you complete the entry, or confirm it does not identify anyone when you complete it.";
  const list = document.createElement("ul");
  list.className = "govuk-list govuk-list--bullet";
  for (const found of findings) {
    const item = document.createElement("li");
    item.dataset.testid = "finding";
    const link = document.createElement("a");
    link.className = "govuk-link";
    link.href = `#id_${found.field}`;
    link.textContent = found.label;
    item.append(link, ": flagged ");
    found.flagged.forEach((text, index) => {
      if (index > 0) item.append(", ");
      const mark = document.createElement("mark");
      mark.textContent = `“${text}”`;
      item.append(mark);
    });
    item.append(` – ${found.explanations.join(" ")}`);
    list.append(item);
  }
  panel.append(heading, advice, list);
  region.append(panel);
}

function backupKey() {
  return form.dataset.backupKey;
}

function keepBackup() {
  const values = {};
  for (const [name, value] of new FormData(form)) {
    if (name === "csrfmiddlewaretoken" || name === "version") continue;
    values[name] = values[name] ? [].concat(values[name], value) : value;
  }
  try {
    localStorage.setItem(backupKey(), JSON.stringify(values));
  } catch {
    // Storage may be full or disabled; the server save still runs.
  }
}

function restoreBackup(values) {
  for (const [name, value] of Object.entries(values)) {
    const fields = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const field of fields) {
      if (field.type === "checkbox") {
        field.checked = [].concat(value).includes(field.value);
      } else {
        field.value = value;
      }
    }
  }
  showStagesForModel();
  say("Your unsaved text has been put back. It will save in a moment.");
  scheduleSave();
}

// The whole save, response handled included, is what the form's own submit
// waits for: only then do the version and the entry's address it sends match.
function save() {
  saveTimer = null;
  const run = sendDraft();
  inFlight = run;
  run.finally(() => {
    if (inFlight === run) inFlight = null;
  });
  return run;
}

async function sendDraft() {
  try {
    const response = await fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: draftData(),
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
    });
    const result = await response.json().catch(() => ({}));
    if (response.ok && result.saved) {
      form.querySelector("[name=version]").value = result.version;
      if (form.dataset.autosaveUrl !== result.autosave_url) {
        form.dataset.autosaveUrl = result.autosave_url;
        form.action = result.edit_url;
        history.replaceState(null, "", result.edit_url);
      }
      localStorage.removeItem(backupKey());
      say(`Draft saved at ${result.saved_at}.`);
      showFindings(result.identifiers);
      document.dispatchEvent(new CustomEvent("portal:session-extended"));
    } else if (response.status === 400) {
      say("Not saved yet: check the date and hours. What you typed is kept on this page.");
    } else if (result.reason) {
      say(result.reason);
    } else {
      say("We could not save just now. What you typed is kept on this page; we will try again.");
      scheduleSave(10000);
    }
  } catch {
    say("You seem to be offline. What you typed is kept on this page; we will try again.");
    scheduleSave(10000);
  }
}

function scheduleSave(delay = SAVE_DELAY_MS) {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(save, delay);
}

function showStagesForModel() {
  const model = form.querySelector("[name=reflective_model]").value;
  for (const fieldset of form.querySelectorAll("[data-reflective-model]")) {
    fieldset.hidden = fieldset.dataset.reflectiveModel !== model;
  }
}

if (form) {
  const saved = localStorage.getItem(backupKey());
  if (saved) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary";
    button.textContent = "Restore your unsaved text";
    button.dataset.testid = "restore-backup";
    button.addEventListener("click", () => {
      restoreBackup(JSON.parse(saved));
      button.remove();
    });
    say("Some text you typed earlier was not saved.");
    status.after(button);
  }
  form.querySelector("[name=reflective_model]").addEventListener("change", showStagesForModel);
  showStagesForModel();
  form.addEventListener("input", () => {
    keepBackup();
    scheduleSave();
  });
  form.addEventListener("change", () => {
    keepBackup();
    scheduleSave();
  });
  form.addEventListener("submit", async (event) => {
    // Let a save that is already on its way finish first, so the version the
    // form sends is the latest. The form carries everything typed, so no
    // draft save is left pending to be sent as the page unloads.
    clearTimeout(saveTimer);
    saveTimer = null;
    if (inFlight) {
      event.preventDefault();
      const submitter = event.submitter;
      await inFlight;
      form.requestSubmit(submitter);
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && saveTimer) {
      clearTimeout(saveTimer);
      navigator.sendBeacon(form.dataset.autosaveUrl, draftData());
    }
  });
}
