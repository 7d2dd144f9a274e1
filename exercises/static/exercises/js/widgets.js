/* Answer widgets of the exercise page that need script: the ordered stack picker and object instance inputs.
   Everything is plain buttons and inputs, so it works from the keyboard and reads well in a screen reader. */
(function () {
  "use strict";

  function announce(widget, text) {
    var live = widget.querySelector("[data-announce]");
    if (live) live.textContent = text;
  }

  /* ---- Stack picker: build the ordered list of frames, innermost first. ---- */

  function frameItem(name) {
    var li = document.createElement("li");
    li.setAttribute("data-frame", name);
    li.innerHTML =
      '<span class="pos" aria-hidden="true"></span><span class="name"></span>' +
      '<button type="button" class="btn secondary icon" data-move="-1"></button>' +
      '<button type="button" class="btn secondary icon" data-move="1"></button>' +
      '<button type="button" class="btn secondary icon" data-remove></button>';
    li.querySelector(".name").textContent = name;
    var up = li.querySelector('[data-move="-1"]');
    var down = li.querySelector('[data-move="1"]');
    var remove = li.querySelector("[data-remove]");
    up.innerHTML = '<span aria-hidden="true">↑</span>';
    down.innerHTML = '<span aria-hidden="true">↓</span>';
    remove.innerHTML = '<span aria-hidden="true">✕</span>';
    return li;
  }

  function renumber(list) {
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (li, i) {
      var name = li.getAttribute("data-frame");
      var where = "position " + (i + 1) + " of " + items.length;
      li.querySelector(".pos").textContent = String(i + 1) + ".";
      li.setAttribute("aria-label", name + ", " + where);
      var up = li.querySelector('[data-move="-1"]');
      var down = li.querySelector('[data-move="1"]');
      up.setAttribute("aria-label", "Move " + name + " up (" + where + ")");
      down.setAttribute("aria-label", "Move " + name + " down (" + where + ")");
      li.querySelector("[data-remove]").setAttribute("aria-label", "Remove " + name + " (" + where + ")");
      up.disabled = i === 0;
      down.disabled = i === items.length - 1;
    });
  }

  function initStackPicker(widget) {
    var list = widget.querySelector(".stack-frames");
    widget.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !widget.contains(button)) return;
      var li = button.closest("li");
      if (button.hasAttribute("data-add")) {
        var name = button.getAttribute("data-add");
        list.appendChild(frameItem(name));
        renumber(list);
        announce(widget, name + " added at position " + list.children.length + ".");
        return;
      }
      if (button.hasAttribute("data-remove") && li) {
        var next = li.nextElementSibling || li.previousElementSibling;
        var removed = li.getAttribute("data-frame");
        li.remove();
        renumber(list);
        announce(widget, removed + " removed.");
        var focusTarget = next ? next.querySelector("[data-remove]") : widget.querySelector("[data-add]");
        if (focusTarget) focusTarget.focus();
        return;
      }
      if (button.hasAttribute("data-move") && li) {
        var delta = Number(button.getAttribute("data-move"));
        var sibling = delta < 0 ? li.previousElementSibling : li.nextElementSibling;
        if (!sibling) return;
        if (delta < 0) list.insertBefore(li, sibling);
        else list.insertBefore(sibling, li);
        renumber(list);
        var index = Array.prototype.indexOf.call(list.children, li) + 1;
        announce(widget, li.getAttribute("data-frame") + " moved to position " + index + ".");
        var again = li.querySelector('[data-move="' + delta + '"]');
        (again && !again.disabled ? again : li.querySelector('[data-move="' + -delta + '"]')).focus();
      }
    });
    widget.addEventListener("keydown", function (event) {
      // Alt+ArrowUp / Alt+ArrowDown move the focused frame, like reordering in a list box.
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      var li = event.target.closest && event.target.closest(".stack-frames li");
      if (!li) return;
      var button = li.querySelector('[data-move="' + (event.key === "ArrowUp" ? -1 : 1) + '"]');
      if (button && !button.disabled) { event.preventDefault(); button.click(); }
    });
    renumber(list);
  }

  function stackFrames(widget) {
    return Array.prototype.map.call(widget.querySelectorAll(".stack-frames li"), function (li) {
      return li.getAttribute("data-frame");
    });
  }

  function clearStack(widget) {
    widget.querySelector(".stack-frames").textContent = "";
  }

  /* ---- Object picker: a checkbox per object ("B", "B#2"); a site with many objects takes a list of numbers. ---- */

  /** "1, 3-5" -> [1, 3, 4, 5]; throws an Error with a readable message. */
  function parseNumbers(text, max) {
    var out = [];
    text.split(",").map(function (part) { return part.trim(); }).filter(Boolean).forEach(function (part) {
      var match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
      if (!match) throw new Error("“" + part + "” is not a number or a range like 3-5.");
      var from = Number(match[1]);
      var to = match[2] ? Number(match[2]) : from;
      if (from < 1 || to > max || from > to) throw new Error("“" + part + "”: numbers go from 1 to " + max + ".");
      for (var k = from; k <= to; k++) if (out.indexOf(k) < 0) out.push(k);
    });
    return out;
  }

  function pickedObjects(widget) {
    var labels = Array.prototype.map.call(widget.querySelectorAll("input[type=checkbox]:checked"), function (box) {
      return box.value;
    });
    Array.prototype.forEach.call(widget.querySelectorAll("input[data-instances]"), function (input) {
      var letter = input.getAttribute("data-letter");
      var max = Number(input.getAttribute("data-max"));
      input.removeAttribute("aria-invalid");
      try {
        parseNumbers(input.value, max).forEach(function (k) { labels.push(letter + "#" + k); });
      } catch (error) {
        input.setAttribute("aria-invalid", "true");
        input.focus();
        throw new Error("Objects from site " + letter + ": " + error.message);
      }
    });
    return labels;
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-widget=stack]"), initStackPicker);
  });

  window.Memcourse = window.Memcourse || {};
  window.Memcourse.widgets = {
    stackFrames: stackFrames,
    clearStack: clearStack,
    pickedObjects: pickedObjects,
  };
})();
