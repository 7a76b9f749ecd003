/* The new-assignment form: sends the browser's time-zone offset at each chosen time, so
   "09:00" means nine o'clock where the trainer is (daylight saving included). The form
   works without this script: its times are then read as UTC. */
(function () {
  'use strict';
  var form = document.getElementById('assignment-form');
  if (!form) return;
  function offsetAt(name) {
    var field = form.elements.namedItem(name);
    var hidden = form.elements.namedItem(name + 'Offset');
    if (!field || !hidden) return;
    // A "YYYY-MM-DDTHH:MM" string with no zone is read as local time by Date.
    var when = field.value ? new Date(field.value) : new Date();
    hidden.value = String(isNaN(when.getTime()) ? new Date().getTimezoneOffset() : when.getTimezoneOffset());
  }
  form.addEventListener('submit', function () {
    offsetAt('opensAt');
    offsetAt('dueAt');
  });
  var errors = document.getElementById('form-errors');
  if (errors) errors.focus();
})();
