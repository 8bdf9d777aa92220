// The organiser's live page: standings and counts pushed by the server (Server-Sent Events).
(function () {
  'use strict';
  var root = document.getElementById('round-live');
  if (!root || !window.EventSource) return;
  var roundId = root.dataset.round;
  var body = document.getElementById('standings');
  var closeForm = document.getElementById('close-form');
  if (closeForm) {
    closeForm.addEventListener('submit', function (e) {
      if (!window.confirm('结束本轮后，所有未交卷的选手将被自动交卷并排名。确定结束吗？')) e.preventDefault();
    });
  }

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  // 2026-11-23 16:05:09 in the platform's zone, as the server writes times (plus the seconds).
  function clockTime(iso) {
    var d = new Date(iso);
    var options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hour12: false, timeZone: root.dataset.zone };
    var parts = {};
    try {
      new Intl.DateTimeFormat('zh-CN', options).formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) {
      delete options.timeZone; // a zone this browser does not know
      new Intl.DateTimeFormat('zh-CN', options).formatToParts(d).forEach(function (p) { parts[p.type] = p.value; });
    }
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute + ':' + parts.second;
  }

  function cell(row, label, value) {
    var td = document.createElement('td');
    td.dataset.label = label;
    td.textContent = value;
    row.appendChild(td);
  }

  function show(s) {
    if (s.counts) {
      text('c-entered', s.counts.entered);
      text('c-finished', s.counts.finished);
      text('c-recent', s.counts.answersLastMinute);
    }
    text('live-note', s.final ? '最终排名' : '实时排名（每秒更新，显示前 100 名）');
    text('live-updated', clockTime(s.computedAt));
    while (body.firstChild) body.removeChild(body.firstChild);
    if (!s.items.length) {
      var empty = document.createElement('tr');
      var td = document.createElement('td');
      td.colSpan = 9;
      td.className = 'empty';
      td.textContent = '还没有选手进入本轮。';
      empty.appendChild(td);
      body.appendChild(empty);
      return;
    }
    s.items.forEach(function (r) {
      var tr = document.createElement('tr');
      cell(tr, '名次', r.rank + (r.tied ? '（并列）' : ''));
      cell(tr, '姓名', r.name);
      cell(tr, '单位', r.unit);
      cell(tr, '得分', Math.round(r.points * 100) / 100);
      cell(tr, '答对', r.correct);
      cell(tr, '用时', (r.timeMs / 1000).toFixed(1) + ' 秒');
      cell(tr, '交卷', r.submitted ? (r.autoSubmitted ? '自动交卷' : '已交卷') : '作答中');
      var notes = [];
      if (r.notes.pageHidden) notes.push('离开页面 ' + r.notes.pageHidden + ' 次');
      if (r.notes.takeovers) notes.push('换设备 ' + r.notes.takeovers + ' 次');
      cell(tr, '备注', notes.join(' '));
      cell(tr, '晋级', r.advances ? '晋级' : '');
      body.appendChild(tr);
    });
  }

  var labels = { PLANNED: '未开始', OPEN: '进行中', CLOSED: '已结束' };
  var source = new EventSource('/api/v1/rounds/' + roundId + '/events');
  source.addEventListener('state', function (e) {
    var s = JSON.parse(e.data);
    text('round-state', labels[s.state] || s.state);
  });
  source.addEventListener('standings', function (e) { show(JSON.parse(e.data)); });
  source.addEventListener('closed', function (e) {
    var s = JSON.parse(e.data);
    text('round-state', labels.CLOSED);
    if (closeForm) closeForm.hidden = true;
    if (s.standings) show(s.standings);
  });
})();
