#!/usr/bin/env node
// Hand check that the installed mediasoup worker starts and creates a router.
// Usage: node scripts/mediasoup-worker/verify.mjs [--mediasoup-dir <path>]

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { 'mediasoup-dir': { type: 'string' } } });
const mediasoupDir = path.resolve(values['mediasoup-dir'] ?? path.join(repoDir, 'node_modules', 'mediasoup'));

// mediasoup takes MEDIASOUP_WORKER_BIN as the worker path when it loads, so it must not leak in.
if (process.env.MEDIASOUP_WORKER_BIN !== undefined) {
  console.log(`ignoring MEDIASOUP_WORKER_BIN=${process.env.MEDIASOUP_WORKER_BIN}`);
  delete process.env.MEDIASOUP_WORKER_BIN;
}

const mediasoup = createRequire(import.meta.url)(mediasoupDir);
console.log(`mediasoup ${mediasoup.version}, worker ${mediasoup.workerBin}`);
const worker = await mediasoup.createWorker();
const router = await worker.createRouter({
  mediaCodecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ],
});
console.log(`router ${router.id}`);
// A WebRTC transport with SCTP exercises the OpenSSL (DTLS certificate) and usrsctp links too.
const transport = await router.createWebRtcTransport({ listenIps: [{ ip: '127.0.0.1' }], enableSctp: true });
console.log(
  `webrtc transport ${transport.id}, dtls fingerprints: ${transport.dtlsParameters.fingerprints.map((f) => f.algorithm).join(' ')}`,
);
worker.close();
