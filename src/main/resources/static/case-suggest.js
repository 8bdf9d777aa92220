// Case library: suggestions (titles and tags) while typing.
(function () {
  'use strict';
  var input = document.getElementById('case-q');
  var list = document.getElementById('case-suggestions');
  if (!input || !list) return;
  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (!q) return;
    timer = setTimeout(function () {
      fetch('/api/v1/cases/suggestions?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.innerHTML = '';
          data.suggestions.forEach(function (s) {
            var o = document.createElement('option');
            o.value = s;
            list.appendChild(o);
          });
        });
    }, 200);
  });
})();
