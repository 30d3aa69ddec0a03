import { describe, expect, it } from 'vitest';
import { settingsFieldErrors } from '../../../../renderer/lib/settings-form';
import { defaultSettings } from '../../../../renderer/lib/settings';

const base = defaultSettings({ locale: 'en' });

describe('settingsFieldErrors', () => {
  it('passes settings the schema accepts', () => {
    expect(settingsFieldErrors(base, { kiosk: true })).toEqual({});
  });

  it('puts a server address with a user name or password on the server field', () => {
    expect(settingsFieldErrors({ ...base, serverUrl: 'ws://u:p@host' }, { kiosk: false })).toEqual({
      serverUrl: { key: 'settings.serverInvalid' },
    });
    expect(settingsFieldErrors({ serverUrl: '' }, { kiosk: false })).toEqual({
      serverUrl: { key: 'settings.serverInvalid' },
    });
  });

  it('refuses what main refuses: too many ICE servers, a kiosk address with credentials, a bad kiosk room', () => {
    const iceServers = Array.from({ length: 17 }, () => ({ urls: 'stun:stun.example' }));
    expect(settingsFieldErrors({ iceServers }, { kiosk: false })).toEqual({
      iceServers: { key: 'settings.iceRefused' },
    });
    const kiosk = { enabled: true, serverUrl: 'wss://a:b@tv.example', roomId: 'no spaces allowed' };
    expect(settingsFieldErrors({ kiosk }, { kiosk: true })).toEqual({
      kioskServer: { key: 'settings.kioskServerInvalid' },
      kioskRoom: { key: 'settings.kioskRoomInvalid' },
    });
  });

  it('asks for both kiosk fields only where the shell runs a kiosk', () => {
    const kiosk = { enabled: true, serverUrl: '', roomId: '' };
    expect(settingsFieldErrors({ kiosk }, { kiosk: true })).toEqual({ form: { key: 'settings.kioskIncomplete' } });
    expect(settingsFieldErrors({ kiosk }, { kiosk: false })).toEqual({});
  });
});
