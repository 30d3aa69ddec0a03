import { median } from '../lib/stats';
import type { JoinSample } from './sample';

/**
 * Prints, for Moim's samples, when each signaling request was sent and answered (median ms after the click),
 * in the order they were sent: requests that wait for one another show as a staircase.
 */
export function printSignaling(samples: readonly JoinSample[]): void {
  for (const variant of ['p2p', 'sfu'] as const) {
    const ok = samples.filter((s) => s.variant === variant && s.ok);
    if (ok.length === 0) continue;
    const names = [...new Set(ok.flatMap((s) => Object.keys(s.signaling)))];
    const at = (name: string, key: 'sent' | 'answered') =>
      median(ok.map((s) => s.signaling[name]?.[key]).filter((v): v is number => v !== undefined));
    const rows = names.map((name) => ({ name, sent: at(name, 'sent'), answered: at(name, 'answered') }));
    rows.sort((a, b) => a.sent - b.sent);
    console.log(`\n${variant}: signaling requests, median ms after the click (sent → answered)`);
    for (const r of rows) {
      const answered = Number.isNaN(r.answered) ? '—' : r.answered.toFixed(0);
      console.log(`  ${r.name.padEnd(34)} ${r.sent.toFixed(0).padStart(6)} → ${answered.padStart(6)}`);
    }
  }
}
