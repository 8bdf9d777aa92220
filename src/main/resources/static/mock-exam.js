// Mock exam page: save each answer as it is given, and keep the server's clock.
(function () {
  'use strict';
  var form = document.getElementById('exam-form');
  if (!form) return;
  var examId = form.dataset.exam;
  var state = document.getElementById('save-state');
  var clock = document.getElementById('clock');
  var left = parseInt(document.getElementById('timer').dataset.seconds, 10);
  var endsAt = Date.now() + left * 1000;
  var counter = 0;
  var pending = 0;

  function seq() { counter += 1; return Date.now() * 1000 + (counter % 1000); }

  function show(text) { state.textContent = text; }

  function responseOf(section) {
    var type = section.dataset.type;
    if (type === 'single-choice' || type === 'multiple-choice' || type === 'true-false') {
      var chosen = [];
      section.querySelectorAll('input:checked').forEach(function (i) { chosen.push(parseInt(i.value, 10)); });
      return { choices: chosen };
    }
    var field = section.querySelector('textarea, input[type=text], input:not([type])');
    return { text: field ? field.value : '' };
  }

  function save(section, attempt) {
    var body = JSON.stringify({ seq: seq(), response: responseOf(section) });
    pending += 1;
    show('正在保存…');
    fetch('/api/v1/mock-exams/' + examId + '/answers/' + section.dataset.question, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: body, credentials: 'same-origin'
    }).then(function (r) {
      pending -= 1;
      if (r.ok) { show(pending ? '正在保存…' : '已保存 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false })); return; }
      if (r.status === 409) { window.location.reload(); return; }
      throw new Error('HTTP ' + r.status);
    }).catch(function () {
      pending = Math.max(0, pending - 1);
      show('网络不稳定，正在重试保存…');
      if ((attempt || 0) < 5) setTimeout(function () { save(section, (attempt || 0) + 1); }, 2000);
    });
  }

  var timers = {};
  form.addEventListener('change', function (e) {
    var section = e.target.closest('[data-question]');
    if (section) save(section);
  });
  form.addEventListener('input', function (e) {
    var section = e.target.closest('[data-question]');
    if (!section || e.target.tagName === 'INPUT' && e.target.type !== 'text' && e.target.type) return;
    clearTimeout(timers[section.dataset.question]);
    timers[section.dataset.question] = setTimeout(function () { save(section); }, 800);
  });

  function tick() {
    var s = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    clock.textContent = (h ? h + ':' : '') + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    if (s === 0) { show('时间到，正在交卷…'); form.submit(); return; }
    setTimeout(tick, 1000);
  }
  tick();
})();
