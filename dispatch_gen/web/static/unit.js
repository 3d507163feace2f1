// The officer's upload page: a file over the size limit is refused here, before a phone spends minutes
// sending it only to be refused by the server (which still checks: this only saves the wait).
(function () {
  var input = document.getElementById("file"), note = document.getElementById("too-big");
  if (!input || !note || !input.form) return;
  var max = parseInt(input.dataset.max, 10);
  function check() {
    var file = input.files && input.files[0], big = !!file && file.size > max;
    note.hidden = !big;
    return !big;
  }
  input.addEventListener("change", check);
  input.form.addEventListener("submit", function (ev) { if (!check()) ev.preventDefault(); });
})();
