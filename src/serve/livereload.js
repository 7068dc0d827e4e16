// broadsheet serve: reloads this page when a rebuild changes it, swaps stylesheets
// when only CSS changed, and shows build errors over the page until they are fixed.
(() => {
  const script = document.currentScript;
  const output = script.dataset.output;
  const base = script.dataset.base;
  let version = script.dataset.version;
  let source = null;

  const overlay = (errors) => {
    let box = document.getElementById("broadsheet-errors");
    if (!errors.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "broadsheet-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1em 1.5em;background:#fff3f3;color:#5c0000;border-top:4px solid #c00;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;direction:ltr;";
      const title = document.createElement("strong");
      title.textContent = "The site could not be rebuilt; the page shows the last good build.";
      const text = document.createElement("pre");
      text.style.cssText = "white-space:pre-wrap;margin:.5em 0 0;font:inherit;";
      box.append(title, text);
      document.body.append(box);
    }
    box.querySelector("pre").textContent = errors.join("\n\n");
  };

  const swapStylesheets = (paths) => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      const path = decodeURIComponent(url.pathname);
      if (path.startsWith(base + "/") && paths.includes(path.slice(base.length + 1))) {
        url.searchParams.set("reload", Date.now());
        link.href = url.href;
      }
    }
  };

  const update = (message) => {
    version = message.version;
    const changed = message.changed;
    if (message.all || output === "" || changed.includes(output)) {
      location.reload();
    } else if (changed.length && changed.every((p) => p.endsWith(".css"))) {
      swapStylesheets(changed);
    }
  };

  const connect = () => {
    source = new EventSource(base + "/__broadsheet/events");
    source.addEventListener("hello", (event) => {
      const message = JSON.parse(event.data);
      overlay(message.errors);
      if (message.version !== version) location.reload();
    });
    source.addEventListener("build", (event) => {
      const message = JSON.parse(event.data);
      overlay(message.errors);
      if (message.changed) update(message);
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    };
  };
  connect();
})();
