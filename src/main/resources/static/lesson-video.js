// Video lessons: report the time actually played, every 15 seconds, so the server can count it.
(function () {
  'use strict';
  var video = document.getElementById('lesson-video');
  if (!video) return;
  var played = 0;
  var last = null;
  video.addEventListener('timeupdate', function () {
    var t = video.currentTime;
    if (last !== null && t > last && t - last < 2) played += t - last; // seeking does not count
    last = t;
  });
  function report() {
    var seconds = Math.min(60, Math.floor(played));
    if (seconds < 1) return;
    played -= seconds;
    fetch(video.dataset.report, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
      body: JSON.stringify({ seconds: seconds })
    }).catch(function () { played += seconds; });
  }
  setInterval(report, 15000);
  window.addEventListener('pagehide', report);
})();
