// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { ShareControlAction } from '../../../../common/ipc/share-control';
import { ShareControlView } from '../../../../renderer/share-control/view';

function setup() {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  const pressed: ShareControlAction[] = [];
  const view = new ShareControlView(root, (action) => pressed.push(action));
  const toolbar = root.querySelector<HTMLElement>('[role="toolbar"]')!;
  const [pause, stop] = [...root.querySelectorAll('button')];
  return { view, root, toolbar, pause: pause!, stop: stop!, pressed };
}

describe('share control window content', () => {
  it('shows "You are sharing · Pause · Stop" as a labelled toolbar of real buttons', () => {
    const { toolbar, pause, stop } = setup();
    expect(toolbar.getAttribute('aria-label')).toBe('Screen sharing');
    expect(toolbar.querySelector('[role="status"]')!.textContent).toBe('You are sharing');
    expect([pause.textContent, stop.textContent]).toEqual(['Pause', 'Stop']);
    expect([pause.type, stop.type]).toEqual(['button', 'button']);
    expect(pause.getAttribute('aria-pressed')).toBe('false');
  });

  it('sends Pause, then Resume once paused, and Stop', () => {
    const { view, pause, stop, pressed } = setup();
    pause.click();
    view.show({ paused: true, language: 'en' });
    expect(pause.textContent).toBe('Resume');
    expect(pause.getAttribute('aria-pressed')).toBe('true');
    pause.click();
    stop.click();
    expect(pressed).toEqual(['pause', 'resume', 'stop']);
  });

  it('speaks Korean when the main window does', () => {
    const { view, toolbar, pause, stop } = setup();
    view.show({ paused: true, language: 'ko' });
    expect(document.documentElement.lang).toBe('ko');
    expect(toolbar.querySelector('[role="status"]')!.textContent).toBe('공유 일시 중지됨');
    expect([pause.textContent, stop.textContent]).toEqual(['다시 시작', '중지']);
  });
});
