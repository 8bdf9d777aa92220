// The contestant's page of a knowledge round, made for a phone: one question at a time, every
// answer saved at once (已保存 / 保存失败, retried with the same seq), unsaved answers kept on the
// device and sent again, the remaining time from the server's deadline, visibility changes sent
// as notes, and a takeover by another device shown at once.
(function () {
  'use strict';
  var root = document.getElementById('round-play');
  if (!root || !window.fetch) return;
  var roundId = root.dataset.round;
  var storeKey = 'qinglan-round-' + roundId;
  var device = null;
  var resumed = false;
  try {
    device = window.sessionStorage.getItem('qinglan-device');
    resumed = !!device;
    if (!device) {
      device = randomId();
      window.sessionStorage.setItem('qinglan-device', device);
    }
  } catch (e) {
    device = device || randomId();
  }

  var el = function (id) { return document.getElementById(id); };
  var questions = [];
  var answers = {};   // question id -> shown option indexes
  var pending = {};   // question id -> {seq, choices}: given here, not yet acknowledged
  var failed = {};    // question id -> message of the last failure
  var lastSeq = 0;
  var current = 0;
  var deadline = 0;
  var skew = 0;
  var entryId = null;
  var stopped = true;
  var events = null;
  var clockTimer = null;

  function randomId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function status(text, kind) {
    var s = el('play-status');
    s.hidden = !text;
    s.textContent = text || '';
    s.className = 'alert ' + (kind || 'info');
  }

  function api(method, path, body) {
    return fetch(path, {
      method: method, credentials: 'same-origin', keepalive: method === 'POST' && path.indexOf('/notes') > 0,
      headers: { 'Content-Type': 'application/json', 'X-Qinglan-Device': device },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) { return { status: r.status, json: json }; });
    });
  }

  function message(reply, fallback) {
    return (reply.json && reply.json.error && reply.json.error.message) || fallback;
  }

  function code(reply) {
    return reply.json && reply.json.error && reply.json.error.code;
  }

  // ---- the entry ----

  function begin() {
    el('begin').disabled = true;
    status('正在进入……');
    api('POST', '/api/v1/rounds/' + roundId + '/entry', {}).then(function (reply) {
      el('begin').disabled = false;
      if (reply.status !== 200) {
        status(message(reply, '无法进入（HTTP ' + reply.status + '）'), 'error');
        el('play-start').hidden = false;
        return;
      }
      setUp(reply.json);
    }).catch(function () {
      el('begin').disabled = false;
      el('play-start').hidden = false;
      status('网络不稳定，未能进入，请稍后重试。', 'error');
    });
  }

  function setUp(json) {
    el('takeover').hidden = true;
    el('play-start').hidden = true;
    var entry = json.entry;
    entryId = entry.id;
    if (entry.submitted) {
      done(entry.autoSubmitted ? '作答时间已到，已自动交卷。' : '您已交卷。');
      return;
    }
    questions = json.questions;
    skew = Date.parse(entry.serverTime) - Date.now();
    deadline = Date.parse(entry.deadline);
    lastSeq = json.seq || 0;
    answers = {};
    Object.keys(json.answers || {}).forEach(function (id) { answers[id] = json.answers[id].choices; });
    // Answers given on this device and not yet acknowledged (a reload, a lost connection): kept and sent again.
    var kept = load();
    if (kept && kept.entry === entryId) {
      Object.keys(kept.pending).forEach(function (id) {
        var p = kept.pending[id];
        var server = json.answers && json.answers[id];
        if (!server || server.seq < p.seq) {
          pending[id] = p;
          answers[id] = p.choices;
          lastSeq = Math.max(lastSeq, p.seq);
        }
      });
    }
    stopped = false;
    el('play-paper').hidden = false;
    status('');
    show(current < questions.length ? current : 0);
    connect();
    tick();
    Object.keys(pending).forEach(send);
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || 'null'); } catch (e) { return null; }
  }

  function persist() {
    try { window.localStorage.setItem(storeKey, JSON.stringify({ entry: entryId, pending: pending })); } catch (e) { /* full or off */ }
  }

  // ---- one question at a time ----

  function show(i) {
    current = Math.max(0, Math.min(questions.length - 1, i));
    var q = questions[current];
    var box = el('question');
    while (box.firstChild) box.removeChild(box.firstChild);
    var head = document.createElement('p');
    head.className = 'muted small';
    head.textContent = '第 ' + (current + 1) + ' / ' + questions.length + ' 题 · ' + q.typeLabel + ' · ' + q.marks + ' 分'
      + (q.type === 'multiple-choice' ? '（可选多项）' : '');
    box.appendChild(head);
    var stem = document.createElement('div');
    stem.className = 'stem';
    stem.innerHTML = q.stemHtml; // made safe by the server
    box.appendChild(stem);
    var chosen = answers[q.id] || [];
    q.options.forEach(function (o) {
      var label = document.createElement('label');
      label.className = 'option';
      var input = document.createElement('input');
      input.type = q.type === 'multiple-choice' ? 'checkbox' : 'radio';
      input.name = 'q-' + q.id;
      input.value = o.index;
      input.checked = chosen.indexOf(o.index) >= 0;
      input.addEventListener('change', function () { choose(q, o.index, input.checked); });
      var letter = document.createElement('span');
      letter.className = 'letter';
      letter.textContent = o.letter;
      var text = document.createElement('span');
      text.innerHTML = o.html; // made safe by the server
      label.appendChild(input);
      label.appendChild(letter);
      label.appendChild(text);
      box.appendChild(label);
    });
    var state = document.createElement('p');
    state.id = 'q-state';
    state.className = 'q-state';
    box.appendChild(state);
    el('prev').disabled = current === 0;
    el('next').disabled = current === questions.length - 1;
    refresh();
  }

  function refresh() {
    var nav = el('qnav');
    while (nav.firstChild) nav.removeChild(nav.firstChild);
    questions.forEach(function (q, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = i + 1;
      var given = (answers[q.id] || []).length > 0;
      b.className = (failed[q.id] ? 'unsaved' : given ? 'answered' : '') + (i === current ? ' current' : '');
      b.addEventListener('click', function () { show(i); });
      nav.appendChild(b);
    });
    var q = questions[current];
    var state = el('q-state');
    if (state && q) {
      var retry = null;
      if (failed[q.id]) {
        state.className = 'q-state failed';
        state.textContent = '保存失败：' + failed[q.id] + ' ';
        retry = document.createElement('button');
        retry.type = 'button';
        retry.className = 'link';
        retry.textContent = '重试';
        retry.addEventListener('click', function () { send(q.id); });
        state.appendChild(retry);
      } else if (pending[q.id]) {
        state.className = 'q-state';
        state.textContent = '正在保存……';
      } else if ((answers[q.id] || []).length) {
        state.className = 'q-state saved';
        state.textContent = '已保存';
      } else {
        state.className = 'q-state';
        state.textContent = '';
      }
    }
    var waiting = Object.keys(pending).length;
    var broken = Object.keys(failed).length;
    el('save-state').textContent = broken ? broken + ' 题保存失败，正在重试' : waiting ? '正在保存……' : '已保存';
  }

  function choose(q, index, checked) {
    if (stopped) return;
    var now = (answers[q.id] || []).slice();
    if (q.type === 'multiple-choice') {
      now = now.filter(function (i) { return i !== index; });
      if (checked) now.push(index);
      now.sort();
    } else {
      now = [index];
    }
    answers[q.id] = now;
    lastSeq += 1;
    pending[q.id] = { seq: lastSeq, choices: now };
    persist();
    send(q.id);
  }

  /** Sends the answer not yet acknowledged, with its seq (a retry sends the same seq). */
  function send(id) {
    var p = pending[id];
    if (!p || stopped) return;
    delete failed[id];
    refresh();
    api('PUT', '/api/v1/rounds/' + roundId + '/entry/answers/' + id, { seq: p.seq, response: { choices: p.choices } })
      .then(function (reply) {
        if (reply.status === 200) {
          if (pending[id] === p) delete pending[id];
          persist();
          refresh();
          return;
        }
        var c = code(reply);
        if (c === 'device_taken_over') { takenOver(message(reply)); return; }
        if (c === 'time_up' || c === 'entry_submitted') { finish(message(reply)); return; }
        if (reply.status >= 400 && reply.status < 500 && reply.status !== 408 && reply.status !== 429) {
          // Refused for good (not a network matter): say so, keep the answer shown, do not resend it.
          if (pending[id] === p) delete pending[id];
          persist();
        }
        failed[id] = message(reply, 'HTTP ' + reply.status);
        refresh();
      })
      .catch(function () {
        failed[id] = '网络不稳定，答案已保存在本机，恢复后自动重新提交';
        refresh();
      });
  }

  setInterval(function () { if (!stopped && navigator.onLine !== false) Object.keys(pending).forEach(send); }, 5000);
  window.addEventListener('online', function () { Object.keys(pending).forEach(send); });

  // ---- time ----

  function tick() {
    clearTimeout(clockTimer);
    if (stopped) return;
    var s = Math.max(0, Math.round((deadline - (Date.now() + skew)) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    el('clock').textContent = (h ? h + ':' : '') + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
    if (s === 0) {
      finish('作答时间已到，已自动交卷。');
      return;
    }
    clockTimer = setTimeout(tick, 1000);
  }

  // ---- the end ----

  function finish(text) {
    stopped = true;
    api('POST', '/api/v1/rounds/' + roundId + '/entry/submission', {}).then(function () { done(text); },
      function () { done(text); });
  }

  function done(text) {
    stopped = true;
    clearTimeout(clockTimer);
    if (events) { events.close(); events = null; }
    el('play-paper').hidden = true;
    el('play-start').hidden = true;
    el('play-done').hidden = false;
    el('done-message').textContent = text;
    status('');
    try { window.localStorage.removeItem(storeKey); } catch (e) { /* off */ }
  }

  function takenOver(text) {
    stopped = true;
    clearTimeout(clockTimer);
    if (events) { events.close(); events = null; }
    el('play-paper').hidden = true;
    el('takeover').hidden = false;
    if (text) el('takeover-message').textContent = text;
  }

  el('submit').addEventListener('click', function () {
    var unanswered = questions.filter(function (q) { return !(answers[q.id] || []).length; }).length;
    var unsaved = Object.keys(pending).length;
    var ask = (unsaved ? '有 ' + unsaved + ' 题的答案还没有保存成功，交卷后将不计入。' : '')
      + (unanswered ? '还有 ' + unanswered + ' 题未作答。' : '') + '交卷后不能再修改答案，确定交卷吗？';
    if (!window.confirm(ask)) return;
    api('POST', '/api/v1/rounds/' + roundId + '/entry/submission', {}).then(function (reply) {
      if (reply.status === 200) { done('已交卷。'); return; }
      if (code(reply) === 'device_taken_over') { takenOver(message(reply)); return; }
      status(message(reply, '交卷失败（HTTP ' + reply.status + '），请重试。'), 'error');
    }, function () { status('网络不稳定，交卷没有成功，请重试。', 'error'); });
  });
  el('prev').addEventListener('click', function () { show(current - 1); });
  el('next').addEventListener('click', function () { show(current + 1); });
  el('begin').addEventListener('click', begin);
  el('take-back').addEventListener('click', begin);

  // ---- notes and live events ----

  document.addEventListener('visibilitychange', function () {
    if (stopped) return;
    api('POST', '/api/v1/rounds/' + roundId + '/entry/notes',
      { kind: document.visibilityState === 'hidden' ? 'PAGE_HIDDEN' : 'PAGE_SHOWN' }).catch(function () { /* a note */ });
  });

  function connect() {
    if (events || !window.EventSource) return;
    events = new EventSource('/api/v1/rounds/' + roundId + '/events?device=' + encodeURIComponent(device));
    events.addEventListener('takeover', function (e) { takenOver(JSON.parse(e.data).message); });
    events.addEventListener('closed', function (e) { done(JSON.parse(e.data).message || '本轮已结束。'); });
  }

  // A reload of this tab (same device) resumes at once; a new tab or phone asks first.
  if (resumed) {
    begin();
  } else {
    status('');
    el('play-start').hidden = false;
  }
})();
