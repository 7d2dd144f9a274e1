/* A teacher's view of one attempt (analytics/templates/analytics/attempt.html): draw the true memory at the
   question's checkpoint with the marks the student saw (extra, missing, wrong), with MemView.mountDiagram, from the
   JSON the page carries (the attempt's version without its step timeline, its labels, the checkpoint, the marks). */
(function () {
  "use strict";

  function draw() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-attempt-diagram]"), function (holder) {
      var data = document.getElementById(holder.getAttribute("data-attempt-diagram"));
      if (!data) return;
      if (!window.MemView || !window.MemView.mountDiagram) {
        holder.textContent = "The memory diagram did not load; reload the page.";
        return;
      }
      var diagram = JSON.parse(data.textContent);
      holder.textContent = "";
      window.MemView.mountDiagram(holder, {
        trace: diagram.trace, checkpoint: diagram.checkpoint, labels: diagram.labels || {}, marks: diagram.marks,
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
