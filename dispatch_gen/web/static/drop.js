// Drag and drop onto the collect form: the dropped files go into the (keyboard-usable) file input,
// then the form is submitted as if chosen by hand. Hand-written, no library; the page works without it.
(function () {
  var zone = document.getElementById("drop"), input = document.getElementById("files");
  var form = document.getElementById("collect-form");
  if (!zone || !input || !form) return;
  ["dragenter", "dragover"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    zone.addEventListener(e, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (!ev.dataTransfer || !ev.dataTransfer.files.length) return;
    input.files = ev.dataTransfer.files;
    form.submit();
  });
})();
