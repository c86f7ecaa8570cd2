// Starts the console once the page has loaded. A file rather than an onload attribute: the admin pages'
// Content-Security-Policy (default-src 'self') runs no inline script.
window.addEventListener("load", function () {
  main();
});
