import { test as base, expect } from '@playwright/test';
import { mintJoinToken, type MintOptions } from '../../server/auth/join-tokens';
import { startServer, type RunningServer } from '../../server/server';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { expectVideoFrom, openLink, peerIdOf, setControl } from './support/moim-page';
import { closeAll, deviceCountingPage, deviceRequests } from './support/sfu-page';

// A deployment with signed join tokens: an operator's invitation links (`#token=`) are the only way in. A presenter's
// link opens the broadcast and presents, a viewer's link watches and decodes, a forged link says so in words.

const SECRET = 'e2e-auth-secret-that-is-long-enough-0123456789';

const test = base.extend<object, { authServer: RunningServer }>({
  authServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
    async ({}, use) => {
      const sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
      const server = await startServer({ host: '127.0.0.1', port: 0, media: () => sfu, authSecret: SECRET });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

const invite = (options: Omit<MintOptions, 'ttlSeconds'>, secret = SECRET) =>
  mintJoinToken(secret, { ttlSeconds: 600, ...options });

test('a viewer joins from a #token= link and decodes the presenter; a forged link gets a readable error (en, ko)', async ({
  browser,
  authServer,
}) => {
  test.setTimeout(180_000);
  const base = authServer.url;
  const roomId = 'townhall';
  const link = (token: string) => `${base}/?room=${roomId}#token=${token}`;

  // The presenter's invitation names the mode, so its first use opens the broadcast.
  const presenterToken = await invite({ room: roomId, role: 'presenter', name: 'Ana (portal)', mode: 'broadcast' });
  const presenter = await deviceCountingPage(browser);
  await presenter.context().grantPermissions(['camera', 'microphone']);
  await openLink(presenter, link(presenterToken), 'Typed Name');
  await expect(presenter.getByTestId('room-id')).toHaveText(roomId);
  await setControl(presenter, 'Camera', true);
  const presenterId = await peerIdOf(presenter);

  // The viewer's invitation: joins with 'Join' (a presenter's wish), the token makes a viewer who never opens a device.
  const viewer = await deviceCountingPage(browser);
  await openLink(viewer, link(await invite({ room: roomId, role: 'viewer', name: 'Vic' })), 'Vic typed');
  await expect(viewer.getByTestId('room-id')).toHaveText(roomId);
  await expect(viewer.getByText('Watching', { exact: true })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Camera', exact: true })).toHaveCount(0);
  await expectVideoFrom(viewer, presenterId);
  // The server took the presenter's name from the token, not from what was typed.
  await viewer.getByRole('button', { name: /^Participants/ }).click();
  await expect(viewer.getByTestId('participant-list').getByTestId('participant')).toContainText(['Ana (portal)']);
  expect(await deviceRequests(viewer)).toBe(0);

  // A token signed with another secret: no room, a sentence that says what is wrong, in English and in Korean.
  const forger = await deviceCountingPage(browser);
  const forged = await invite(
    { room: roomId, role: 'presenter', name: 'Mallory' },
    'not-the-servers-secret-0123456789abcdef',
  );
  await openLink(forger, link(forged), 'Mallory');
  await expect(forger.getByRole('alert')).toHaveText(
    'This invitation link is not valid for this server. Check that you copied all of it.',
  );
  await expect(forger.getByTestId('room-id')).toHaveCount(0);
  await forger.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await forger.getByRole('button', { name: '참여', exact: true }).click();
  await expect(forger.getByRole('alert')).toHaveText(
    '이 서버에서 쓸 수 없는 초대 링크입니다. 링크 전체를 복사했는지 확인하세요.',
  );
  // The call went on for the others.
  await expectVideoFrom(viewer, presenterId);
  await closeAll([presenter, viewer, forger]);
});
