import { existsSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RATE = 48_000;

/**
 * A WAV file of a steady `hz` tone (10 s, mono, 16-bit, looped by Chromium) for
 * `--use-file-for-fake-audio-capture`, so the far side can tell Moim's microphone by its pitch. Written once,
 * synchronously: launch options are read before any test runs.
 */
export function toneWav(hz: number, amplitude = 0.3): string {
  const file = path.join(os.tmpdir(), `moim-fake-mic-${hz}hz.wav`);
  if (existsSync(file)) return file;
  const samples = RATE * 10;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * hz * i) / RATE)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, Buffer.concat([header, data]));
  renameSync(temp, file); // Atomic: a parallel worker never reads half a file.
  return file;
}
