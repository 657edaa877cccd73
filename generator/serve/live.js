// The live-reload script of timeline serve, injected into every page it
// serves (never into a build's output). It listens to the server's events:
// "reload" reloads the page, "css" swaps the named stylesheets without a
// reload, "build-error" shows the errors of the last rebuild over the page
// (the last good version stays under it) and "build-ok" removes them. The
// stream says which page the tab shows (the key in the script's data-page,
// also on every reconnection), so the server tells a tab whose page is
// outdated to reload, even one that connects after the rebuild, and
// whether the page came with errors, so that it learns they are gone.
(function () {
  "use strict";
  var overlayID = "timeline-error-overlay";
  var page = document.currentScript && document.currentScript.getAttribute("data-page");

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

  // connect opens the stream, and opens it again when it fails (the
  // server restarted): with what the page shows then.
  function connect() {
    var url = "/__timeline/events?path=" + encodeURIComponent(location.pathname);
    if (page !== null) {
      url += "&page=" + encodeURIComponent(page);
    }
    if (document.getElementById(overlayID)) {
      url += "&overlay=1"; // errors shown: they may be gone
    }
    var es = new EventSource(url);
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("css", function (ev) { swapStyles(JSON.parse(ev.data)); });
    es.addEventListener("build-error", function (ev) { showErrors(JSON.parse(ev.data)); });
    es.addEventListener("build-ok", clearErrors);
    es.onerror = function () {
      es.close();
      setTimeout(connect, 500);
    };
  }
  connect();
})();
