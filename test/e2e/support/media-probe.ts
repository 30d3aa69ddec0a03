import { spawnSync } from 'node:child_process';

/** What ffprobe reads from a media file: its duration, the video's size, and every stream's codec. */
export interface Probe {
  duration: number;
  width: number;
  height: number;
  codecs: string[];
}

/** Probes `file` with Debian's ffprobe; a file ffprobe cannot read probes as 0 s, 0×0, no codecs. */
export function probe(file: string): Probe {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  let json: {
    format?: { duration?: string };
    streams?: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  } = {};
  try {
    json = JSON.parse(String(out.stdout)) as typeof json;
  } catch {
    // An empty or truncated file: reported as nothing below, so the test says what is missing.
  }
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  return {
    duration: Number(json.format?.duration ?? 0),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    codecs: streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort(),
  };
}

/** The audio's mean volume in dB from ffmpeg's volumedetect; -91 dB is digital silence (or no audio at all). */
export function meanVolume(file: string): number {
  const args = ['-hide_banner', '-i', file, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-'];
  const match = /mean_volume: (-?[\d.]+) dB/.exec(String(spawnSync('ffmpeg', args).stderr));
  return match ? Number(match[1]) : -91;
}
