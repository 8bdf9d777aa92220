// The sign-in form, sent by script so that a busy node does not cost the person their typing:
// when the answer is 503 (or a 429 with a short Retry-After) the page shows 排队中 with a countdown
// and sends the same form again by itself. Any other answer is shown as the browser would have
// shown it. Without JavaScript the form posts as usual and the 503 page says when to retry.
(function () {
  'use strict';
  // A throttled account's 429 says to wait many minutes: that is no queue, show the page.
  var LONGEST_QUEUE_WAIT = 60;

  function retryAfter(response) {
    if (response.status !== 503 && response.status !== 429) {
      return null;
    }
    var seconds = parseInt(response.headers.get('Retry-After'), 10);
    if (isNaN(seconds) || seconds < 0 || seconds > LONGEST_QUEUE_WAIT) {
      return null;
    }
    return Math.max(1, seconds);
  }

  function notice(form) {
    var box = form.parentNode.querySelector('[data-queue]');
    var old = form.parentNode.querySelector('[data-queue-notice]');
    if (old) {
      old.hidden = true;
    }
    return box;
  }

  function setBusy(form, busy) {
    var button = form.querySelector('button[type="submit"]');
    if (button) {
      button.disabled = busy;
    }
  }

  // Shows the answer's page in place of this one (a wrong password, a throttled account, an error).
  function show(html) {
    var page = new DOMParser().parseFromString(html, 'text/html');
    document.title = page.title;
    document.body.replaceWith(document.adoptNode(page.body));
    var field = document.querySelector('form[data-sign-in] input[autofocus]');
    if (field) {
      field.focus();
    }
  }

  function wait(form, body, seconds, retries) {
    var box = notice(form);
    var left = seconds;
    function tick() {
      if (left <= 0) {
        box.textContent = '排队中，正在重试…';
        send(form, body, retries + 1);
        return;
      }
      box.textContent = '排队中，约 ' + left + ' 秒后自动重试' + (retries > 0 ? '（已重试 ' + retries + ' 次）' : '');
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    box.hidden = false;
    tick();
  }

  function send(form, body, retries) {
    setBusy(form, true);
    window.fetch(form.getAttribute('action'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: {'Accept': 'text/html'}
    }).then(function (response) {
      var seconds = retryAfter(response);
      if (seconds !== null) {
        wait(form, body, seconds, retries);
        return null;
      }
      if (response.redirected) {
        window.location.assign(response.url);
        return null;
      }
      return response.text().then(show);
    }, function () {
      // No answer at all (the network dropped): try again a little later, as for a busy node.
      wait(form, body, 5, retries);
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target instanceof Element ? event.target.closest('form[data-sign-in]') : null;
    if (!form || !window.fetch || !window.URLSearchParams || !window.FormData || !window.DOMParser) {
      return;
    }
    event.preventDefault();
    send(form, new URLSearchParams(new FormData(form)), 0);
  });
})();
