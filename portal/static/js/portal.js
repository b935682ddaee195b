// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A table in a scrolling region: its hint ("scroll it sideways") shows only
// while the table is wider than the region. Without JavaScript it always shows.
for (const region of document.querySelectorAll("[data-scroll-region]")) {
  const hint = document.getElementById(region.getAttribute("aria-describedby"));
  if (!hint || !("ResizeObserver" in window)) continue;
  const update = () => {
    hint.hidden = region.scrollWidth <= region.clientWidth;
  };
  new ResizeObserver(update).observe(region);
  update();
}
