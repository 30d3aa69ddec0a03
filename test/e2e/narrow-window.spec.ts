import { expect, test } from './support/fixtures';

// A phone-sized window (390 × 844): the header's navigation and language switch stay on screen and usable.

test('at 390 px wide every header control is fully on screen and works, in English and Korean', async ({
  browser,
  roomServer,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${roomServer.httpUrl}/`);
  const header = page.getByRole('banner');
  const nav = header.getByRole('navigation');
  const language = header.getByRole('combobox', { name: 'Language' });
  await expect(page.getByLabel('Your name')).toBeVisible();

  for (const name of ['Home', 'Lobby', 'Device session', 'Settings']) {
    await expect(nav.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  await expect(language).toBeInViewport({ ratio: 1 });
  // Nothing sticks out sideways: the page never scrolls horizontally.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(nav.getByRole('button', { name: 'Settings', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Display name')).toBeVisible();

  await language.selectOption('ko');
  const korean = header.getByRole('navigation', { name: '메인' });
  for (const name of ['홈', '로비', '기기 세션', '설정']) {
    await expect(korean.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  await expect(header.getByRole('combobox', { name: '언어' })).toBeInViewport({ ratio: 1 });
  await korean.getByRole('button', { name: '홈', exact: true }).click();
  await expect(korean.getByRole('button', { name: '홈', exact: true })).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
