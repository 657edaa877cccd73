// The live-reload script of timeline serve, injected into every page it
// serves (never into a build's output). It listens to the server's events:
// "reload" reloads the page, "css" swaps the named stylesheets without a
// reload, "build-error" shows the errors of the last rebuild over the page
// (the last good version stays under it) and "build-ok" removes them.
(function () {
  "use strict";
  var overlayID = "timeline-error-overlay";
  var version = null;

  function showErrors(report) {
    var o = document.getElementById(overlayID);
    if (!o) {
      o = document.createElement("div");
      o.id = overlayID;
      document.body.appendChild(o);
    }
    o.setAttribute("role", "alert");
    o.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(24,4,4,.94);color:#fde8e8;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace");
    o.textContent = "";
    var h = document.createElement("p");
    h.setAttribute("style", "font-weight:bold;color:#ff9b9b;margin:0 0 1rem");
    h.textContent = report.title;
    o.appendChild(h);
    report.errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.setAttribute("style", "white-space:pre-wrap;margin:0 0 1rem");
      pre.textContent = e.detail;
      o.appendChild(pre);
    });
  }

  function clearErrors() {
    var o = document.getElementById(overlayID);
    if (o) {
      o.parentNode.removeChild(o);
    }
  }

  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var u = new URL(link.href, location.href);
      if (u.origin !== location.origin || paths.indexOf(u.pathname) < 0) {
        return;
      }
      u.searchParams.set("live", Date.now().toString(36));
      var next = link.cloneNode();
      next.href = u.toString();
      next.addEventListener("load", function () {
        if (link.parentNode) {
          link.parentNode.removeChild(link);
        }
      });
      link.parentNode.insertBefore(next, link.nextSibling);
    });
  }

  var es = new EventSource("/__timeline/events?path=" + encodeURIComponent(location.pathname));
  es.addEventListener("hello", function (ev) {
    // A different version after a reconnection: the site was rebuilt (or
    // the server restarted) meanwhile.
    if (version !== null && version !== ev.data) {
      location.reload();
    }
    version = ev.data;
  });
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("css", function (ev) { swapStyles(JSON.parse(ev.data)); });
  es.addEventListener("build-error", function (ev) { showErrors(JSON.parse(ev.data)); });
  es.addEventListener("build-ok", clearErrors);
})();
