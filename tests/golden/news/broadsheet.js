/*
 * broadsheet default theme: small progressive enhancements. No framework, no module,
 * safe with `defer` and on pages that lack any of the elements below.
 *
 * - marks <html> with the class "js";
 * - "copy title and URL" buttons: un-hidden, copy "title\nURL" to the clipboard and
 *   announce the result in the nearest role="status" region;
 * - the permalink field of the share box selects itself on focus;
 * - wraps tables of the article body in a scrollable, focusable region.
 */
(function () {
  "use strict";

  var doc = document;
  doc.documentElement.classList.add("js");

  function announce(region, text) {
    if (!region) {
      return;
    }
    // Empty first, so that the same message twice in a row is announced again.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  // Copy through a temporary, invisible textarea (older browsers, non-secure contexts).
  function legacyCopy(text, focusBack) {
    var area = doc.createElement("textarea");
    var ok = false;
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.setAttribute("tabindex", "-1");
    area.className = "copy-buffer";
    doc.body.appendChild(area);
    area.select();
    try {
      area.setSelectionRange(0, text.length);
    } catch (e) {
      // some inputs do not support selection ranges; select() was enough
    }
    try {
      ok = doc.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    doc.body.removeChild(area);
    if (focusBack && typeof focusBack.focus === "function") {
      focusBack.focus();
    }
    return ok;
  }

  function copyText(text, focusBack) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext !== false) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return legacyCopy(text, focusBack); }
      );
    }
    return Promise.resolve(legacyCopy(text, focusBack));
  }

  function statusFor(button) {
    var box = button.closest ? button.closest(".share") : null;
    var region = box ? box.querySelector("[role='status']") : null;
    return region || doc.querySelector(".copy-status");
  }

  function setUpCopyButtons() {
    var buttons = doc.querySelectorAll("button[data-copy-url]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var title = button.getAttribute("data-copy-title") || doc.title;
        var url = button.getAttribute("data-copy-url") || window.location.href;
        var region = statusFor(button);
        copyText(title + "\n" + url, button).then(function (ok) {
          if (ok) {
            announce(region, button.getAttribute("data-copied-label") || "Copied");
          } else {
            announce(region, button.getAttribute("data-failed-label") || "");
            var field = doc.querySelector(".share-url");
            if (field) {
              field.focus();
              field.select();
            }
          }
        });
      });
    });
  }

  function setUpShareField() {
    var fields = doc.querySelectorAll(".share-url");
    Array.prototype.forEach.call(fields, function (field) {
      field.addEventListener("focus", function () {
        field.select();
      });
    });
  }

  // A wide table scrolls inside a wrapper. When it overflows, the wrapper becomes a
  // focusable, labelled region so that keyboard users can scroll it too.
  function updateTableWrap(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      if (wrap.getAttribute("data-label-id")) {
        wrap.setAttribute("aria-labelledby", wrap.getAttribute("data-label-id"));
      }
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-labelledby");
    }
  }

  function wrapTables() {
    var tables = doc.querySelectorAll(".prose table");
    var wraps = [];
    Array.prototype.forEach.call(tables, function (table) {
      var parent = table.parentNode;
      if (!parent) {
        return;
      }
      if (parent.classList && parent.classList.contains("table-wrap")) {
        wraps.push(parent);
        return;
      }
      var wrap = doc.createElement("div");
      wrap.className = "table-wrap";
      var section = table.closest ? table.closest("section[aria-labelledby]") : null;
      if (section) {
        wrap.setAttribute("data-label-id", section.getAttribute("aria-labelledby"));
      }
      parent.insertBefore(wrap, table);
      wrap.appendChild(table);
      wraps.push(wrap);
    });
    if (!wraps.length) {
      return;
    }
    var update = function () {
      wraps.forEach(updateTableWrap);
    };
    update();
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 150);
    });
  }

  function init() {
    setUpCopyButtons();
    setUpShareField();
    wrapTables();
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
