/* The admin's exercise page: draw memory at each checkpoint of the current version (MemView.mountDiagram), with
   the labels students see, so a teacher checks the program before publishing. */
(function () {
  "use strict";

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-memory-preview]"), function (preview) {
      var data = document.getElementById(preview.getAttribute("data-memory-preview"));
      if (!data) return;
      var run = JSON.parse(data.textContent);
      Array.prototype.forEach.call(preview.querySelectorAll("[data-preview-checkpoint]"), function (figure) {
        var holder = figure.querySelector("[data-preview-diagram]");
        if (!window.MemView || !window.MemView.mountDiagram) {
          holder.textContent = "The memory diagram did not load; reload the page.";
          return;
        }
        holder.textContent = "";
        window.MemView.mountDiagram(holder, {
          trace: run.trace,
          checkpoint: Number(figure.getAttribute("data-preview-checkpoint")),
          labels: run.labels || {},
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
