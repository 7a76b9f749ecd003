/* Exam pages: the countdown (by the server's clock, whatever the computer's says), and on
   a scenario, saving the answer as the trainee works — after each change, when the flag
   is set, and when leaving the page — with a copy kept in this browser until the server
   has it, so a dropped connection or a closed tab loses nothing. The pages work without
   this script: the form's buttons save, and the server ends the exam on time. */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';

  // Countdown --------------------------------------------------------------------------
  var timer = document.getElementById('countdown');
  var alertBox = document.getElementById('countdown-alert');
  var onTimeUp = [];
  if (timer) {
    var endsAt = Date.parse(timer.getAttribute('data-ends-at'));
    var skew = Date.parse(timer.getAttribute('data-now')) - Date.now();
    var examId = timer.getAttribute('data-exam');
    var announced = {};
    var two = function (n) {
      return n < 10 ? '0' + n : String(n);
    };
    var tick = function () {
      var left = endsAt - (Date.now() + skew);
      if (left <= 0) {
        timer.textContent = '0:00';
        onTimeUp.forEach(function (f) {
          f();
        });
        // The server submits the exam when its time is up; its page shows the report.
        window.location.href = '/exams/' + examId;
        return;
      }
      var s = Math.ceil(left / 1000);
      var h = Math.floor(s / 3600);
      var m = Math.floor((s % 3600) / 60);
      timer.textContent = (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(s % 60);
      [10, 5, 1].forEach(function (mark) {
        if (s <= mark * 60 && !announced[mark]) {
          announced[mark] = true;
          if (alertBox && s > mark * 60 - 5)
            alertBox.textContent = mark + (mark === 1 ? ' minute' : ' minutes') + ' left.';
        }
      });
      setTimeout(tick, 1000 - ((Date.now() + skew) % 1000 || 0) + 5);
    };
    tick();
  }

  // Saving answers -----------------------------------------------------------------------
  var form = document.getElementById('coding-form');
  if (!form || !form.getAttribute('data-exam')) return;
  var exam = form.getAttribute('data-exam');
  var scenario = form.getAttribute('data-scenario');
  var status = document.getElementById('save-status');
  var url = '/api/exams/' + encodeURIComponent(exam) + '/answers/' + encodeURIComponent(scenario);
  var keptKey = 'handoff-exam:' + exam + ':' + scenario;
  var base = Number(form.getAttribute('data-time-spent')) || 0;
  var visibleSince = document.visibilityState === 'visible' ? Date.now() : null;
  var spentBefore = 0;

  function timeSpent() {
    return base + spentBefore + (visibleSince === null ? 0 : Date.now() - visibleSince);
  }
  function values(selector) {
    return Array.prototype.map.call(form.querySelectorAll(selector), function (input) {
      return input.value.trim();
    });
  }
  function answer() {
    var rows = Array.prototype.slice.call(form.querySelectorAll('.procedure-row'));
    var procedures = rows
      .map(function (row) {
        var code = row.querySelector('.code-input').value.trim().toUpperCase();
        if (!code) return '';
        var mod = row.querySelector('.modifier-input');
        var units = row.querySelector('.units-input');
        var modifiers = mod
          ? mod.value
              .split(/[\s,;-]+/)
              .filter(Boolean)
              .map(function (m) {
                return '-' + m.toUpperCase();
              })
              .join('')
          : '';
        var count =
          units && units.value.trim() !== '' && units.value.trim() !== '1' ? ' x' + units.value.trim() : '';
        return code + modifiers + count;
      })
      .filter(Boolean);
    var flag = document.getElementById('f-flagged');
    return {
      diagnoses: values('input[name="diagnoses"]').filter(Boolean),
      procedures: procedures,
      flagged: flag ? flag.checked : false,
      timeSpentMs: Math.round(timeSpent()),
    };
  }
  function say(text) {
    if (status) status.textContent = text;
  }
  function keep(body) {
    try {
      localStorage.setItem(keptKey, JSON.stringify(body));
    } catch {
      /* private browsing: the server copy is the only one */
    }
  }
  function forget(sent) {
    try {
      if (localStorage.getItem(keptKey) === sent) localStorage.removeItem(keptKey);
    } catch {
      /* nothing kept */
    }
  }

  var timerId = null;
  var retryId = null;
  var ended = false;
  function save(leaving) {
    clearTimeout(timerId);
    timerId = null;
    if (ended) return;
    var body = answer();
    var sent = JSON.stringify(body);
    keep(body);
    if (!leaving) say('Saving…');
    return fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: sent,
      credentials: 'same-origin',
      keepalive: !!leaving,
    })
      .then(function (res) {
        if (res.status === 204) {
          forget(sent);
          say('Saved at ' + new Date().toLocaleTimeString() + '.');
          return;
        }
        if (res.status === 409) {
          ended = true;
          forget(sent);
          window.location.href = '/exams/' + encodeURIComponent(exam) + '/report?late=1';
          return;
        }
        return res.json().then(function (data) {
          say('Not saved: ' + ((data && data.error && data.error.message) || 'error ' + res.status) + '.');
        });
      })
      .catch(function () {
        if (leaving) return;
        say(
          'Not saved yet: the connection dropped. Your answer is kept in this browser and will be saved when it returns.',
        );
        clearTimeout(retryId);
        retryId = setTimeout(function () {
          save(false);
        }, 5000);
      });
  }
  function soon() {
    clearTimeout(timerId);
    timerId = setTimeout(function () {
      save(false);
    }, 800);
  }

  form.addEventListener('input', soon);
  form.addEventListener('change', function (event) {
    if (event.target && event.target.id === 'f-flagged') save(false);
    else soon();
  });
  // Rows moved or removed with the workspace's buttons change the answer too.
  form.addEventListener('click', function (event) {
    if (event.target && event.target.closest && event.target.closest('.row-tools, .add-row')) soon();
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      if (visibleSince !== null) spentBefore += Date.now() - visibleSince;
      visibleSince = null;
      if (timerId !== null) save(true);
    } else visibleSince = Date.now();
  });
  window.addEventListener('pagehide', function () {
    if (timerId !== null) save(true);
  });
  document.querySelectorAll('[data-exam-link]').forEach(function (link) {
    link.addEventListener('click', function () {
      if (timerId !== null) save(true);
    });
  });
  onTimeUp.push(function () {
    if (timerId !== null) save(true);
  });
  // The form's own buttons save too: keep its time field current.
  form.addEventListener('submit', function () {
    clearTimeout(timerId);
    timerId = null;
    var spent = form.elements.namedItem('timeSpentMs');
    var opened = form.elements.namedItem('openedAt');
    if (spent && opened) {
      spent.value = String(Math.round(timeSpent()));
      opened.value = '';
    }
  });
  window.addEventListener('online', function () {
    if (retryId !== null) save(false);
  });

  // An answer kept here that the server never got (the tab closed offline): send it now.
  try {
    var kept = localStorage.getItem(keptKey);
    if (kept) {
      var body = JSON.parse(kept);
      fetch(url, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: kept,
        credentials: 'same-origin',
      }).then(function (res) {
        if (res.status === 204 || res.status === 409) localStorage.removeItem(keptKey);
        if (res.status === 204 && body) window.location.reload();
      });
    }
  } catch {
    /* nothing kept */
  }
})();
