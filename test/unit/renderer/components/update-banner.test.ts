// @vitest-environment happy-dom
import { render } from 'lit';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../../common/ipc/updates';
import { updateBanner } from '../../../../renderer/components/update-banner';
import { createI18n } from '../../../../renderer/i18n';

/** Renders the banner into a fresh element, as the app shell does under its header. */
function show(status: UpdateStatus | null, inCall: boolean, onRestart = vi.fn()) {
  const host = document.createElement('div');
  render(updateBanner(createI18n('en'), status, inCall, onRestart), host);
  return { host, onRestart };
}

describe('update banner', () => {
  it('shows the download with its progress', () => {
    const { host } = show({ state: 'downloading', version: '0.2.0', percent: 41.6 }, false);
    expect(host.textContent).toContain('Downloading Moim 0.2.0… 42%');
    expect(host.querySelector('progress')?.value).toBe(42);
  });

  it('offers "Restart to update" once ready, and the button restarts', () => {
    const { host, onRestart } = show({ state: 'ready', version: '0.2.0' }, false);
    const button = host.querySelector('button')!;
    expect(button.textContent).toBe('Restart to update');
    button.click();
    expect(onRestart).toHaveBeenCalledTimes(1);
  });

  it('never offers the restart during a call, and shows nothing when there is nothing to say', () => {
    expect(show({ state: 'ready', version: '0.2.0' }, true).host.querySelector('button')).toBeNull();
    for (const status of [null, { state: 'idle' }, { state: 'checking' }] as const) {
      expect(show(status, false).host.textContent?.trim()).toBe('');
    }
  });
});
