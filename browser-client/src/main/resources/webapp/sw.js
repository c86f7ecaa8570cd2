// Keeps the app shell so the page loads with the network off. The shell is fetched from the network when it
// can be (so a new build is picked up) and from the cache when it cannot; the API is never cached.
const CACHE = 'isosync-shell-v1';
const SHELL = ['./', 'index.html', 'app.css', 'js/app.js'];
// Paths the worker has nothing to do with, by their start: with static routes (Chromium 123 on) the browser sends
// them to the network without waking the worker, which a sync's every request would otherwise wait for; elsewhere
// the fetch handler below lets them pass.
const NETWORK_ONLY = ['/api/', '/sync/', '/admin'];

self.addEventListener('install', event => {
  event.waitUntil(Promise.all([networkOnlyRoutes(event), caches.open(CACHE).then(cache => cache.addAll(SHELL))])
    .then(() => self.skipWaiting()));
});

// Adds the static routes of NETWORK_ONLY; a browser without them, or refusing them, still has the fetch handler's way.
function networkOnlyRoutes(event) {
  try {
    const routes = NETWORK_ONLY.map(start => ({condition: {urlPattern: {pathname: start + '*'}}, source: 'network'}));
    return event.addRoutes ? event.addRoutes(routes).catch(() => undefined) : undefined;
  } catch (refused) {
    return undefined;
  }
}

self.addEventListener('activate', event => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin
      || NETWORK_ONLY.some(start => url.pathname.startsWith(start))) {
    return;
  }
  event.respondWith(fetch(event.request).then(response => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request).then(hit => hit || caches.match('index.html'))));
});
