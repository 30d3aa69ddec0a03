// Direct 1:1 calls from the lobby, in real Chromium pages against the real room server.
import type { Browser, Page } from '@playwright/test';
import { startRoomServer } from '../support/room-server';
import { expect, test } from './support/fixtures';
import { callButton, expectCallEnded, goOnline, incomingCall, openOnline, saveDisplayName } from './support/lobby-page';
import { expectAudioFrom, expectVideoFrom, openMoim, peerIdOf, tileOf } from './support/moim-page';
import { tapSignaling } from './support/signaling-tap';

async function closeAll(pages: Page[]) {
  await Promise.all(pages.map((p) => p.context().close()));
}

/** `caller` calls `callee` (by name) and waits until it rings on both sides. */
async function ring(caller: Page, callee: Page, calleeName: string, callerName: string) {
  await callButton(caller, calleeName).click();
  await expect(caller.getByTestId('outgoing-call')).toHaveAttribute('data-ringing', 'true');
  await expect(incomingCall(callee)).toBeVisible();
  await expect(incomingCall(callee)).toContainText(callerName);
}

/** Opens Moim as `name` with a tap on its signaling (set before it connects), then goes online. */
async function openTapped(browser: Browser, baseUrl: string, name: string) {
  const page = await openMoim(browser, baseUrl, name);
  const tap = await tapSignaling(page);
  await saveDisplayName(page, name);
  await goOnline(page);
  return { page, tap };
}

test("invite → accept: both decode each other's video, and hanging up ends the call on both sides", async ({
  browser,
  roomServer,
}) => {
  const ana = await openOnline(browser, roomServer.httpUrl, 'Ana');
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  const [anaId, boId] = await Promise.all([peerIdOf(ana), peerIdOf(bo)]);
  await ring(ana, bo, 'Bo', 'Ana');

  await incomingCall(bo).getByRole('button', { name: 'Accept' }).click();
  await expect(incomingCall(bo)).toHaveCount(0);
  await expect(tileOf(ana, boId)).toBeVisible();
  await expect(tileOf(bo, anaId)).toBeVisible();
  await expectVideoFrom(ana, boId, 'cam');
  await expectVideoFrom(bo, anaId, 'cam');
  await expectAudioFrom(ana, boId);
  await expectAudioFrom(bo, anaId);

  await ana.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [ana, bo]) {
    await expectCallEnded(page, 'hungUp');
    await expect(page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  }
  await expect(tileOf(bo, anaId)).toHaveCount(0);
  // Both are free again: each can call the other.
  await expect(callButton(ana, 'Bo')).toBeEnabled();
  await expect(callButton(bo, 'Ana')).toBeEnabled();
  await closeAll([ana, bo]);
});

test('the callee declines: the caller is told, and nobody is in a call', async ({ browser, roomServer }) => {
  const ana = await openOnline(browser, roomServer.httpUrl, 'Ana');
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  await ring(ana, bo, 'Bo', 'Ana');

  await incomingCall(bo).getByRole('button', { name: 'Decline' }).click();
  await expect(incomingCall(bo)).toHaveCount(0);
  await expectCallEnded(ana, 'declined');
  await expect(ana.getByTestId('call-ended')).toContainText('Bo declined');
  await expect(ana.getByTestId('outgoing-call')).toHaveCount(0);
  await expect(callButton(ana, 'Bo')).toBeEnabled();
  await expect(ana.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
  await closeAll([ana, bo]);
});

test('the caller cancels while it rings: the prompt goes away on the callee side', async ({ browser, roomServer }) => {
  const ana = await openOnline(browser, roomServer.httpUrl, 'Ana');
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  await ring(ana, bo, 'Bo', 'Ana');

  await ana.getByRole('button', { name: 'Cancel call' }).click();
  await expect(ana.getByTestId('outgoing-call')).toHaveCount(0);
  await expectCallEnded(ana, 'cancelled');
  await expect(incomingCall(bo)).toHaveCount(0);
  await expectCallEnded(bo, 'cancelled');
  await expect(callButton(bo, 'Ana')).toBeEnabled();
  await closeAll([ana, bo]);
});

test('an unanswered call times out on both sides', async ({ browser }) => {
  const server = await startRoomServer(['--ring-timeout-ms', '1500']);
  try {
    const ana = await openOnline(browser, server.httpUrl, 'Ana');
    const bo = await openOnline(browser, server.httpUrl, 'Bo');
    await ring(ana, bo, 'Bo', 'Ana');

    await expectCallEnded(ana, 'timeout');
    await expect(ana.getByTestId('call-ended')).toContainText('No answer');
    await expect(ana.getByTestId('outgoing-call')).toHaveCount(0);
    await expect(incomingCall(bo)).toHaveCount(0);
    await expectCallEnded(bo, 'timeout');
    await closeAll([ana, bo]);
  } finally {
    await server.stop();
  }
});

test('a callee who went offline drops out of the list, and a call on a stale list ends as offline', async ({
  browser,
  roomServer,
}) => {
  const { page: ana, tap } = await openTapped(browser, roomServer.httpUrl, 'Ana');
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  const cy = await openOnline(browser, roomServer.httpUrl, 'Cy');
  await expect(callButton(ana, 'Bo')).toBeEnabled();
  await expect(callButton(ana, 'Cy')).toBeEnabled();

  // Bo goes offline: the list updates live.
  await bo.getByRole('button', { name: 'Go offline' }).click();
  await expect(callButton(ana, 'Bo')).toHaveCount(0);

  // Cy closes Moim while Ana's list is late to hear of it: Ana calls, and the server says Cy is offline.
  tap.hold('lobbyUserLeft');
  await cy.context().close();
  await callButton(ana, 'Cy').click();
  await expectCallEnded(ana, 'offline');
  await expect(ana.getByTestId('call-ended')).toContainText('Cy is no longer online');
  await expect(ana.getByTestId('outgoing-call')).toHaveCount(0);
  tap.release('lobbyUserLeft');
  await expect(callButton(ana, 'Cy')).toHaveCount(0);
  await closeAll([ana, bo]);
});

test('a callee already in a call shows as busy, and a call on a stale list ends as busy', async ({
  browser,
  roomServer,
}) => {
  const ana = await openOnline(browser, roomServer.httpUrl, 'Ana');
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  const { page: cy, tap } = await openTapped(browser, roomServer.httpUrl, 'Cy');
  await expect(callButton(cy, 'Bo')).toBeEnabled();

  // Cy's list is late: Ana and Bo get into a call meanwhile.
  tap.hold('lobbyUserChanged');
  await ring(ana, bo, 'Bo', 'Ana');
  await incomingCall(bo).getByRole('button', { name: 'Accept' }).click();
  await expect(ana.getByRole('button', { name: 'Hang up' })).toBeVisible();
  await expect(bo.getByRole('button', { name: 'Hang up' })).toBeVisible();

  await callButton(cy, 'Bo').click();
  await expectCallEnded(cy, 'busy');
  await expect(cy.getByTestId('call-ended')).toContainText('Bo is in another call');
  // Bo's call is untouched, and never saw Cy ring.
  await expect(incomingCall(bo)).toHaveCount(0);
  await expect(bo.getByRole('button', { name: 'Hang up' })).toBeVisible();

  // With the news in, Cy sees both as in a call and cannot call them.
  tap.release('lobbyUserChanged');
  const boEntry = cy.locator('li', { has: callButton(cy, 'Bo') });
  await expect(boEntry).toContainText('In a call');
  await expect(callButton(cy, 'Bo')).toBeDisabled();
  await expect(callButton(cy, 'Ana')).toBeDisabled();
  await closeAll([ana, bo, cy]);
});
