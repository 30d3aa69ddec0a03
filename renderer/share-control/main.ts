/**
 * The share control window's page (Electron only): shows the state main pushes and sends the presenter's button
 * presses back through the window's own preload, which exposes nothing else.
 */
import { createLogger } from '../../common/log';
import { shareControlStateSchema } from '../../common/ipc/share-control';
import { ShareControlView } from './view';

const log = createLogger('ui', 'share-control');
const api = window.moimShareControl;
const root = document.getElementById('share-control');
if (!api || !root) {
  log.error('the share control page runs only in Moim’s share control window');
} else {
  const view = new ShareControlView(root, (action) => {
    api.shareControl(action).catch((error: unknown) => log.error('shareControl(%s) | %o', action, error));
  });
  api.onShareControlState((state) => {
    const parsed = shareControlStateSchema.safeParse(state);
    if (parsed.success) view.show(parsed.data);
    else log.warn('ignored a malformed share state');
  });
}
