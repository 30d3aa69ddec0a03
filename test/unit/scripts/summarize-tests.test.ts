// @vitest-environment node
// The closing line of `npm test` is what CI's log tail shows: a file that broke outside its tests must fail it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/summarize-tests.mjs');
const dirs: string[] = [];

/** Runs the summary over a report directory holding `reports` (file name → JSON). */
function summarize(reports: Record<string, unknown>): { status: number | null; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'moim-summary-'));
  dirs.push(dir);
  for (const [name, report] of Object.entries(reports)) writeFileSync(path.join(dir, name), JSON.stringify(report));
  const run = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

/** A vitest JSON report of one file whose two tests have `statuses`, the file itself `fileStatus`. */
function vitestReport(statuses: string[], fileStatus: 'passed' | 'failed', message = '') {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: 0,
    numFailedTestSuites: fileStatus === 'failed' ? 1 : 0,
    success: fileStatus === 'passed' && count('failed') === 0,
    testResults: [
      {
        name: '/repo/test/server/x.test.ts',
        status: fileStatus,
        message,
        assertionResults: statuses.map((status) => ({ status })),
      },
    ],
  };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('summarize-tests', () => {
  it('passes a clean run and prints its counts', () => {
    const run = summarize({ 'unit.json': vitestReport(['passed', 'passed'], 'passed') });
    expect(run.status).toBe(0);
    expect(run.out).toContain('2 passed, 0 failed, 0 skipped');
  });

  it('fails a run where a file broke in a hook (its tests reported as skipped) and names the file', () => {
    const run = summarize({
      'unit.json': vitestReport(['skipped', 'skipped'], 'failed', 'Hook timed out in 10000ms.'),
      'e2e.json': { stats: { expected: 3, unexpected: 0, skipped: 0, flaky: 0 }, errors: [] },
    });
    expect(run.status).toBe(1);
    expect(run.out).toContain('3 passed, 1 failed, 2 skipped');
    expect(run.out).toMatch(/failed outside a test: .*x\.test\.ts: Hook timed out/);
  });

  it('counts a failed test once, not again as a broken file', () => {
    const run = summarize({ 'unit.json': vitestReport(['passed', 'failed'], 'failed') });
    expect(run.status).toBe(1);
    expect(run.out).toContain('1 passed, 1 failed, 0 skipped');
    expect(run.out).not.toContain('failed outside a test');
  });

  it('fails when no report holds a test', () => {
    const run = summarize({});
    expect(run.status).toBe(1);
    expect(run.out).toContain('no test ran');
  });
});
