import { render } from 'preact';
import { App } from './app';
import { initContent, packLoaded, refreshIfStale, refreshPack } from './cards/content';
import { startOutbox } from './core/outbox';
import { registerAidSender } from './aid/store';
import { registerSupplementSender } from './aid/supplement';
import { registerQuestionSender } from './questions/outbox';
import { registerDebriefSender } from './events/debrief';
import { registerSignupSender } from './events/events';
import { registerCheckinSender } from './events/roster-store';
import { startRouter } from './core/router';
import { openShortLink } from './aid/short-link';
import { applyTextSize, getLocale, markOfflineReadyTold, offlineReadyTold } from './core/settings';
import { getState, setState, showToast, subscribe } from './core/store';
import { cacheLater, checkForUpdate, registerServiceWorker } from './core/sw-register';
import './styles.css';

applyTextSize();
document.documentElement.lang = getLocale();
openShortLink(startRouter); // /t/<code> and /q/<code> from a text, an old ?code= link: the code out of the address bar
// Each domain says how its part of the outbox is sent, before anything is sent.
registerSignupSender();
registerCheckinSender();
registerDebriefSender();
registerAidSender();
registerSupplementSender();
registerQuestionSender();
initContent();
// No pack on the phone yet (a first visit): fetch it at once, it is what the pages are waiting for.
void packLoaded.then(() => {
  if (!getState().pack) void refreshPack();
});
const root = document.getElementById('app')!;
root.textContent = ''; // the static first screen of index.html gives way to the app, in the same frame
render(<App />, root);

window.addEventListener('online', () => {
  setState({ online: true, reachable: true });
  void refreshPack();
});
window.addEventListener('offline', () => setState({ online: false }));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    refreshIfStale();
    checkForUpdate();
  }
});

// No signal though the phone says "online" (weak 2G): try again now and then.
setInterval(() => {
  const s = getState();
  if (s.online && !s.reachable && document.visibilityState === 'visible') void refreshPack();
}, 30000);

registerServiceWorker();

// The pack downloads after the page has painted, so it never slows the first screen.
const idle = (fn: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 300));
const afterPaint = () => {
  void refreshPack();
  startOutbox(); // sends whatever waited since the app was last open, and again on `online`
};
if (document.readyState === 'complete') idle(afterPaint);
else window.addEventListener('load', () => idle(afterPaint), { once: true });

// Say "已可离线使用" once, the first time both the shell and the cards are on the phone.
const unsub = subscribe(() => {
  const s = getState();
  if (s.shellCached && s.packSaved) {
    unsub();
    cacheLater(getLocale());
    if (!offlineReadyTold()) {
      markOfflineReadyTold();
      showToast('已可离线使用：没信号也能看', 4000);
    }
  }
});
