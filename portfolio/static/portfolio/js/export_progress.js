// Shows how far waiting exports have got without reloading the page, and
// reloads once one is ready so its download link appears. Without JavaScript
// the page's "Check progress again" link does the same.
const list = document.querySelector("[data-status-url]");
const POLL_MS = 3000;
const GIVE_UP_MS = 10 * 60 * 1000;

function waiting() {
  return list.querySelectorAll('[data-export-status="pending"]');
}

async function poll(startedAt) {
  if (!waiting().length || Date.now() - startedAt > GIVE_UP_MS) return;
  try {
    const response = await fetch(list.dataset.statusUrl, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.ok) {
      const { exports } = await response.json();
      for (const item of exports) {
        const row = list.querySelector(`[data-export-id="${item.id}"]`);
        if (!row || row.dataset.exportStatus !== "pending") continue;
        if (item.status !== "pending") {
          window.location.reload();
          return;
        }
        const tag = row.querySelector("[data-export-progress]");
        if (tag && item.progress !== null) {
          tag.textContent = `Being prepared: ${item.progress}% done`;
        }
      }
    }
  } catch {
    // A failed poll is retried on the next tick.
  }
  window.setTimeout(() => poll(startedAt), POLL_MS);
}

if (list) poll(Date.now());
