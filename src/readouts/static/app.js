// The pages work without this script; it only adds conveniences. No inline script: the CSP forbids it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Timeline: "Clear" empties every filter and shows all events.
  for (const button of document.querySelectorAll("[data-clear-filters]")) {
    button.addEventListener("click", () => {
      for (const input of button.form.querySelectorAll("input")) {
        if (input.type === "checkbox") input.checked = false; else input.value = "";
      }
      for (const select of button.form.querySelectorAll("select")) select.selectedIndex = 0;
      button.form.submit();
    });
  }
  // Event page: hide the sentences nothing was read from, to read the evidence alone.
  for (const box of document.querySelectorAll("[data-evidence-only]")) {
    const source = document.querySelector(".source");
    box.addEventListener("change", () => source.classList.toggle("evidence-only", box.checked));
  }
});
