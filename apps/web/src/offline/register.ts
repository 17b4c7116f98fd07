/**
 * Registers the service worker (`/sw.js`, built from `src/sw/sw.ts`) once the page has loaded, so it never
 * competes with the first page's own downloads on a slow link. Production builds only: the Vite dev server
 * does not build the worker.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** True when a service worker controls this page (lessons opened or saved can then be read offline). */
export function workerControls(): boolean {
  return typeof navigator !== 'undefined' && 'serviceWorker' in navigator && navigator.serviceWorker.controller !== null;
}

/** Sends `message` to the controlling service worker and waits (at most `timeoutMs`) for its answer on a private channel. */
export function askWorker<T>(message: unknown, timeoutMs = 5 * 60_000): Promise<T> {
  const worker = navigator.serviceWorker.controller;
  if (!worker) return Promise.reject(new Error('no service worker'));
  return new Promise<T>((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('service worker did not answer')), timeoutMs);
    channel.port1.onmessage = (e: MessageEvent<T>) => {
      clearTimeout(timer);
      resolve(e.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}
