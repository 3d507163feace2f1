// The collect page: files chosen or dropped are sent ONE BY ONE, and each file's verdict appears as
// soon as it is read. Hand-written, no library; without JavaScript the form posts all files at once.
(function () {
  var zone = document.getElementById("drop"), input = document.getElementById("files");
  var form = document.getElementById("collect-form"), live = document.getElementById("live");
  var progress = document.getElementById("progress");
  if (!zone || !input || !form || !live || !window.fetch || !window.FormData) return;

  function send(files) {
    var list = Array.prototype.slice.call(files), done = 0;
    if (!list.length) return;
    live.hidden = false;
    var next = function () {
      if (done >= list.length) { progress.textContent = progress.dataset.done; input.value = ""; return; }
      var file = list[done], body = new FormData();
      body.append("csrf", form.elements.csrf.value);
      body.append("files", file, file.name);
      progress.textContent = progress.dataset.reading.replace("{n}", done + 1).replace("{total}", list.length);
      fetch(form.action, {method: "POST", body: body, credentials: "same-origin", headers: {"X-Partial": "1"}})
        .then(function (r) { return r.text().then(function (html) { return {ok: r.ok, html: html}; }); })
        .then(function (res) {
          if (res.ok) live.insertAdjacentHTML("beforeend", res.html); else refused(file.name, res.html);
          done += 1; next();
        })
        .catch(function () { progress.textContent = progress.dataset.failed; });
    };
    next();
  }

  // A refused request (session over, too large) answers with a whole error page: show its message only,
  // as this file's verdict, never the page inside this one.
  function refused(name, html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var said = page.querySelector(".flash.error") || page.body;
    var list = document.createElement("ul"), item = document.createElement("li"), strong = document.createElement("strong");
    list.className = "receipts"; item.className = "receipt bad"; strong.textContent = name;
    item.appendChild(strong);
    item.appendChild(document.createTextNode(": " + progress.dataset.refused + ": " + said.textContent.trim()));
    list.appendChild(item); live.appendChild(list);
  }

  form.addEventListener("submit", function (ev) { ev.preventDefault(); send(input.files); });
  ["dragenter", "dragover"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    zone.addEventListener(e, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (ev.dataTransfer && ev.dataTransfer.files.length) send(ev.dataTransfer.files);
  });
})();
