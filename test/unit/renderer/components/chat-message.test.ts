// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../common/protocol';
import '../../../../renderer/components/chat-message';
import { mount, shadow, unmountAll } from '../support/component-host';

function message(text: string, patch: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 1, from: 'p1', displayName: 'Bo', text, sentAt: Date.UTC(2026, 11, 6, 3, 4), ...patch };
}

/** Mounts one <chat-message> and returns its rendered text paragraph. */
async function render(text: string, patch: Partial<ChatMessage> = {}, mine = false) {
  const view = await mount('chat-message', {
    setUp: (el) => {
      el.message = message(text, patch);
      el.mine = mine;
    },
  });
  return { view, body: shadow(view, 'p') };
}

afterEach(unmountAll);

describe('chat-message', () => {
  it('shows the sender and the time it was sent', async () => {
    const { view } = await render('hi');
    expect(shadow(view, '.name').textContent).toBe('Bo');
    expect(shadow(view, 'time').getAttribute('datetime')).toBe('2026-12-06T03:04:00.000Z');
  });

  it('names our own messages "You"', async () => {
    const { view } = await render('hi', {}, true);
    expect(shadow(view, '.name').textContent).toBe('You');
  });

  it('shows markup as text: no element is created from a message', async () => {
    const xss = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>bold</b>';
    const { body } = await render(xss);
    expect(body.textContent).toBe(xss);
    expect(body.querySelectorAll('img, script, b')).toHaveLength(0);
    expect((window as Window & { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('makes an https link an <a> that opens a new window without opener or referrer', async () => {
    const { body } = await render('docs: https://example.com/docs?q=1 ok');
    const links = body.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.com/docs?q=1');
    expect(links[0]!.getAttribute('target')).toBe('_blank');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(body.textContent).toBe('docs: https://example.com/docs?q=1 ok');
  });

  it('does not link javascript: URLs', async () => {
    const { body } = await render('javascript:alert(document.cookie)');
    expect(body.querySelectorAll('a')).toHaveLength(0);
    expect(body.textContent).toBe('javascript:alert(document.cookie)');
  });

  it('keeps a quote after a link out of its href', async () => {
    const { body } = await render('https://a.test/"><img src=x onerror=alert(1)>');
    expect(body.querySelectorAll('img')).toHaveLength(0);
    expect(body.querySelector('a')!.getAttribute('href')).toBe('https://a.test/');
  });
});
