// Live search: as the question is typed, ask /search for the answer and show it in
// #results. Without JavaScript the form does the same with a page load.
"use strict";
(() => {
  const form = document.querySelector("form.search");
  const input = document.getElementById("q");
  const results = document.getElementById("results");
  if (!form || !input || !results) return;
  let timer = 0;
  let pending = null;
  const ask = async () => {
    const question = input.value.trim();
    if (pending) pending.abort();
    pending = new AbortController();
    const query = question ? "?q=" + encodeURIComponent(question) : "";
    try {
      const response = await fetch("/search" + query, { signal: pending.signal });
      if (!response.ok) return;
      results.innerHTML = await response.text();
      history.replaceState(null, "", "/" + query);
    } catch (error) {
      if (error.name !== "AbortError") throw error;
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 180);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    ask();
  });
})();
