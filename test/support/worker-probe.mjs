// Starts a mediasoup worker the way Moim's room host does (mediasoup reads MEDIASOUP_WORKER_BIN at load), has
// it open SRTP sessions (NSS loads its softoken then), and prints what the worker process runs and has loaded:
// {"bin","pid","exe","libraries"} as one JSON line. Linux only (/proc).
import fs from 'node:fs';

const mediasoup = await import('mediasoup');
const worker = await mediasoup.createWorker({ logLevel: 'warn' });
try {
  const router = await worker.createRouter({
    mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }],
  });
  const transport = await router.createPlainTransport({
    listenIp: '127.0.0.1',
    rtcpMux: true,
    comedia: false,
    enableSrtp: true,
    srtpCryptoSuite: 'AEAD_AES_256_GCM',
  });
  // Connecting with SRTP parameters creates the worker's SRTP sessions, encrypting and decrypting.
  await transport.connect({ ip: '127.0.0.1', port: 9, srtpParameters: transport.srtpParameters });
  const maps = fs.readFileSync(`/proc/${worker.pid}/maps`, 'utf8');
  const libraries = [
    ...new Set(
      maps
        .split('\n')
        .map((line) => line.trim().split(/\s+/)[5])
        .filter((file) => file && /\.so(\.|$)/.test(file)),
    ),
  ];
  const exe = fs.readlinkSync(`/proc/${worker.pid}/exe`);
  console.log(JSON.stringify({ bin: mediasoup.workerBin, pid: worker.pid, exe, libraries }));
} finally {
  worker.close();
}
