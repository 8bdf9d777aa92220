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
  // Saves are numbered by a counter that starts above the highest seq the server holds for this
  // exam, never by the device's clock: a clock set back must not make later answers look older.
  var lastSeq = parseInt(form.dataset.seq, 10) || 0;
  var pending = 0;
  var unsaved = {};

  function nextSeq() { lastSeq += 1; return lastSeq; }

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

  function number(section) {
    var label = section.querySelector('p.muted');
    return label ? label.textContent.split('·')[0].trim() : '这道题';
  }

  function settled() {
    var waiting = Object.keys(unsaved);
    if (pending) { show('正在保存…'); return; }
    if (waiting.length) { show('有 ' + waiting.length + ' 题未保存，正在重试…'); return; }
    show('已保存 ' + clockTime(new Date()));
  }

  // The time of day in the platform's zone, as every other time on its pages, not the device's.
  function clockTime(d) {
    try {
      return d.toLocaleTimeString('zh-CN', { hour12: false, timeZone: form.dataset.zone });
    } catch (e) {
      return d.toLocaleTimeString('zh-CN', { hour12: false }); // a zone this browser does not know
    }
  }

  function save(section, attempt) {
    attempt = attempt || 0;
    var question = section.dataset.question;
    var body = JSON.stringify({ seq: nextSeq(), response: responseOf(section) });
    pending += 1;
    show('正在保存…');
    fetch('/api/v1/mock-exams/' + examId + '/answers/' + question, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: body, credentials: 'same-origin'
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) { return { status: r.status, json: json }; });
    }).then(function (reply) {
      pending -= 1;
      if (reply.status === 200) {
        delete unsaved[question];
        settled();
        return;
      }
      var code = reply.json.error && reply.json.error.code;
      if (reply.status === 409 && code === 'stale_seq') {
        // Another save holds a higher seq: this answer was NOT stored. Count on from there and send it again.
        unsaved[question] = true;
        lastSeq = Math.max(lastSeq, reply.json.seq || 0);
        show(number(section) + '的作答未保存，正在重新保存…');
        if (attempt < 5) { save(section, attempt + 1); }
        return;
      }
      if (reply.status === 409) {
        show((reply.json.error && reply.json.error.message) || '试卷已经交卷。');
        window.location.reload();
        return;
      }
      unsaved[question] = true;
      show(number(section) + '的作答未保存：' + ((reply.json.error && reply.json.error.message) || ('HTTP ' + reply.status)));
    }).catch(function () {
      pending = Math.max(0, pending - 1);
      unsaved[question] = true;
      show('网络不稳定，正在重试保存…');
      if (attempt < 5) setTimeout(function () { save(section, attempt + 1); }, 2000);
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

  function unansweredCount() {
    var n = 0;
    form.querySelectorAll('section[data-question]').forEach(function (section) {
      var r = responseOf(section);
      if (r.choices ? r.choices.length === 0 : !(r.text || '').trim()) n += 1;
    });
    return n;
  }

  // Without this script the server asks the same question on a page of its own.
  form.addEventListener('submit', function (e) {
    var confirmed = document.getElementById('confirmed');
    if (confirmed.value === '1') return;
    var n = unansweredCount();
    var ask = n > 0 ? '还有 ' + n + ' 题未作答。交卷后不能再修改答案，确定交卷吗？'
      : '确定交卷吗？交卷后不能再修改答案。';
    if (!window.confirm(ask)) { e.preventDefault(); return; }
    confirmed.value = '1';
  });

  function tick() {
    var s = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    clock.textContent = (h ? h + ':' : '') + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    if (s === 0) {
      show('时间到，正在交卷…');
      document.getElementById('confirmed').value = '1';
      form.submit();
      return;
    }
    setTimeout(tick, 1000);
  }
  tick();
})();
