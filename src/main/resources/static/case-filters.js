// Case library: the filters stand open beside the results on a wide screen; on a phone they
// stay folded above them under 筛选.
(function () {
  'use strict';
  var filters = document.querySelector('details.case-filters');
  if (!filters || !window.matchMedia) return;
  var wide = window.matchMedia('(min-width: 720px)');
  if (wide.matches) filters.open = true;
  wide.addEventListener('change', function () { filters.open = wide.matches; });
})();
