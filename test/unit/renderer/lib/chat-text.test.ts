import { describe, expect, it } from 'vitest';
import { chatSegments } from '../../../../renderer/lib/chat-text';

describe('chatSegments', () => {
  it('keeps text without links as one text segment', () => {
    expect(chatSegments('hello there')).toEqual([{ kind: 'text', text: 'hello there' }]);
  });

  it('turns http and https URLs into links and leaves the words around them as text', () => {
    expect(chatSegments('see https://example.com/a?b=1 and http://x.test/')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.test/', href: 'http://x.test/' },
    ]);
  });

  it('leaves sentence punctuation after a link outside it', () => {
    expect(chatSegments('(go to https://example.com).')).toEqual([
      { kind: 'text', text: '(go to ' },
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
      { kind: 'text', text: ').' },
    ]);
  });

  it('never links other schemes: javascript:, data:, file: and moim: stay text', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'file:///etc/passwd', 'moim://join/x']) {
      expect(chatSegments(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('stops a link at markup characters, so a quote cannot break out of the href', () => {
    expect(chatSegments('https://a.test/"onmouseover="x')).toEqual([
      { kind: 'link', text: 'https://a.test/', href: 'https://a.test/' },
      { kind: 'text', text: '"onmouseover="x' },
    ]);
  });

  it('keeps a malformed URL as text', () => {
    expect(chatSegments('http://[oops')).toEqual([{ kind: 'text', text: 'http://[oops' }]);
  });
});
