// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../../main/app-origin';
import {
  DESKTOP_APP_ORIGIN,
  OriginPolicy,
  normalizeOrigin,
  ownHostNames,
} from '../../../../server/signaling/origin-policy';

const policy = new OriginPolicy({
  hosts: ownHostNames('127.0.0.1', ['meet.example.org'], 'studio'),
  origins: ['https://Portal.example.org:443/'],
});

describe('OriginPolicy.admit', () => {
  it('knows the desktop app by the origin main serves it from', () => {
    expect(DESKTOP_APP_ORIGIN).toBe(APP_ORIGIN);
  });

  it.each([
    [{ host: '127.0.0.1:8480' }],
    [{ host: '127.0.0.1:8480', origin: 'http://127.0.0.1:8480' }],
    [{ host: '127.0.0.1:8480', origin: 'https://127.0.0.1:8480' }],
    [{ host: '[::1]:8480', origin: 'http://[::1]:8480' }],
    [{ host: '192.168.1.20:8480', origin: 'https://192.168.1.20:8480' }],
    [{ host: 'meet.example.org', origin: 'https://meet.example.org:443' }],
    [{ host: 'studio:8480', origin: 'http://studio:8480' }],
    [{ host: 'studio.local:8480', origin: 'http://studio.local:8480' }],
    [{ host: 'MEET.example.org', origin: 'https://portal.example.org' }],
    [{ host: '127.0.0.1:8480', origin: 'moim-app://app' }],
  ])('admits %j', (headers) => {
    expect(policy.admit(headers)).toEqual({ ok: true });
  });

  it.each([
    [{ host: '127.0.0.1:8480', origin: 'https://evil.example' }, 'origin'],
    [{ host: '127.0.0.1:8480', origin: 'http://127.0.0.1:8481' }, 'origin'],
    [{ host: '127.0.0.1:8480', origin: 'null' }, 'origin'],
    [{ host: '127.0.0.1:8480', origin: 'not an origin' }, 'origin'],
    [{ host: '127.0.0.1:8480', origin: 'ftp://127.0.0.1:8480' }, 'origin'],
    [{ host: 'evil.example:8480', origin: 'http://evil.example:8480' }, 'host'],
    [{ host: 'evil.example:8480' }, 'host'],
    [{ host: 'evil.example@127.0.0.1:8480' }, 'host'],
    [{ host: '127.0.0.1:8480/x' }, 'host'],
    [{}, 'host'],
  ])('refuses %j for its %s', (headers, reason) => {
    expect(policy.admit(headers)).toEqual({ ok: false, reason });
  });
});

describe('normalizeOrigin', () => {
  it.each([
    ['https://Example.org:443', 'https://example.org'],
    ['http://example.org:8080/', 'http://example.org:8080'],
    ['moim-app://app', 'moim-app://app'],
    ['https://user:pw@example.org', null],
    ['null', null],
  ])('%s → %s', (value, expected) => {
    expect(normalizeOrigin(value)).toBe(expected);
  });
});
