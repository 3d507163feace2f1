// The send list: a «Chép» button beside each upload link puts the link on the clipboard, to paste into
// Zalo or an e-mail (clicking the link itself would open the officer's page). Without JavaScript the
// links are still there to select by hand.
(function () {
  var table = document.querySelector("table.send");
  if (!table) return;
  function copy(text) {  // the old way first: it also works at http://192.168…, where the clipboard API is off
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    if (ok) return Promise.resolve();
    return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject();
  }
  Array.prototype.forEach.call(table.querySelectorAll("a.link"), function (link) {
    var button = document.createElement("button");
    button.type = "button"; button.className = "copy"; button.textContent = table.dataset.copy;
    button.addEventListener("click", function () {
      var done = copy(link.href);
      button.focus();  // the selection moved it away: keyboard users stay where they were
      done.then(function () { button.textContent = table.dataset.copied; },
                           function () { button.textContent = table.dataset.failed; });
    });
    link.parentNode.appendChild(button);
  });
})();
