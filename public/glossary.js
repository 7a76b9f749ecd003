/* Medical terms in the report: activating a marked term (click, touch, Enter) opens its
   glossary entry beside it, without leaving the page; Escape or Close puts focus back on
   the term. A button turns the marks off (and on), remembered in this browser. Without
   this script each term is a link to its entry in the notes below the report. */
(function () {
  'use strict';
  var text = document.getElementById('report-text');
  if (!text || !text.querySelector('a.term')) return;
  var toggle = document.getElementById('terms-toggle');
  var KEY = 'handoff-terms';
  var popover = null;
  var opener = null;

  function setMarks(on) {
    text.classList.toggle('terms-off', !on);
    text.querySelectorAll('a.term').forEach(function (a) {
      if (on) a.removeAttribute('tabindex');
      else a.setAttribute('tabindex', '-1');
    });
    if (toggle) toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  if (toggle) {
    toggle.parentNode.hidden = false;
    var stored = function () {
      try {
        return localStorage.getItem(KEY);
      } catch {
        return null;
      }
    };
    setMarks(stored() !== 'off');
    toggle.addEventListener('click', function () {
      var on = toggle.getAttribute('aria-pressed') !== 'true';
      setMarks(on);
      try {
        localStorage.setItem(KEY, on ? 'on' : 'off');
      } catch {
        /* not remembered */
      }
    });
  }

  function close(returnFocus) {
    if (!popover) return;
    popover.remove();
    popover = null;
    if (returnFocus && opener) opener.focus();
    opener = null;
  }

  function open(link) {
    var note = document.getElementById(link.getAttribute('data-term'));
    if (!note) return false;
    close(false);
    opener = link;
    popover = document.createElement('div');
    popover.className = 'term-popover';
    popover.setAttribute('role', 'dialog');
    popover.setAttribute('aria-labelledby', 'term-popover-title');
    popover.tabIndex = -1;
    var title = document.createElement('p');
    title.id = 'term-popover-title';
    title.className = 'term-popover-title';
    title.textContent = note.querySelector('dt').textContent;
    popover.appendChild(title);
    var body = document.createElement('div');
    Array.prototype.forEach.call(note.querySelector('dd').childNodes, function (child) {
      body.appendChild(child.cloneNode(true));
    });
    popover.appendChild(body);
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Close';
    button.addEventListener('click', function () {
      close(true);
    });
    popover.appendChild(button);
    document.body.appendChild(popover);
    var box = link.getBoundingClientRect();
    var width = Math.min(448, document.documentElement.clientWidth - 16);
    popover.style.width = width + 'px';
    popover.style.left =
      Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8)) +
      window.scrollX +
      'px';
    popover.style.top = box.bottom + window.scrollY + 6 + 'px';
    popover.focus();
    return true;
  }

  text.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.term');
    if (!link || text.classList.contains('terms-off')) return;
    if (open(link)) event.preventDefault();
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && popover) {
      event.preventDefault();
      close(true);
    }
  });
  document.addEventListener('click', function (event) {
    if (
      popover &&
      !popover.contains(event.target) &&
      !(event.target.closest && event.target.closest('a.term'))
    )
      close(false);
  });
})();
