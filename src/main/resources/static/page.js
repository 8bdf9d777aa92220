// Behaviour the Content-Security-Policy keeps out of the templates (no inline handlers):
// data-confirm asks before a button or link acts, data-print prints the page.
document.addEventListener('click', function (event) {
  var target = event.target instanceof Element ? event.target : null;
  if (!target) {
    return;
  }
  var confirming = target.closest('[data-confirm]');
  if (confirming && !window.confirm(confirming.getAttribute('data-confirm'))) {
    event.preventDefault();
    return;
  }
  if (target.closest('[data-print]')) {
    event.preventDefault();
    window.print();
  }
});
