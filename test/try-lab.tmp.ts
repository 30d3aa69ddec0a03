import { NetLab } from './support/netns/lab';
import { startRoomServerOn } from './support/netns/room-server';
import { launchInNamespace } from './support/netns/chromium';
const lab = await NetLab.create(['srv', 'a', 'b']);
try {
  const server = await startRoomServerOn(lab.node('srv'));
  console.log(server.httpUrl);
  const browser = await launchInNamespace(lab.node('a').ns, server.httpUrl);
  const page = await (await browser.newContext()).newPage();
  await page.goto(server.httpUrl);
  console.log(await page.title(), await page.evaluate(() => !!navigator.mediaDevices && isSecureContext));
  await lab.node('a').link.blockUdp(true);
  await lab.node('a').link.cap(300);
  await browser.close();
  await server.stop();
} finally { await lab.close(); }
