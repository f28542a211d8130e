/* The page around the review: after a review, move the keyboard focus to it; while a review
   runs, say so on the button. Plain JavaScript, served as a file (the page's CSP forbids
   inline script). */
(function () {
  'use strict';
  var result = document.getElementById('result');
  if (result) { result.focus({ preventScroll: true }); }
  var form = document.getElementById('review-form');
  if (form) {
    form.addEventListener('submit', function () {
      var button = document.getElementById('review-button');
      button.textContent = 'Reviewing\u2026';
      button.setAttribute('aria-busy', 'true');
    });
  }
  document.body.setAttribute('data-app', '1');
}());
