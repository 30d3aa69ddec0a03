import type { StatsSnapshot } from '../engine/stats-sampler';

/** The file name of an exported snapshot: moim-stats-<room>-<UTC time, file-name safe>.json. */
export function statsFileName(roomId: string, at: Date): string {
  const room = roomId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64) || 'room';
  return `moim-stats-${room}-${at.toISOString().replace(/[:.]/g, '-')}.json`;
}

/** The JSON written by "Export stats": the newest figures plus the last minute of samples, for bug reports. */
export function statsExport(roomId: string, history: readonly StatsSnapshot[], at: Date): string {
  const latest = history.at(-1) ?? null;
  return JSON.stringify(
    { format: 'moim-stats/1', roomId, exportedAt: at.toISOString(), userAgent: navigator.userAgent, latest, history },
    null,
    2,
  );
}

/** Saves `text` as a download named `name` (Electron: main's download handling asks where to save it). */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
