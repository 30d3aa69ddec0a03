// Adds up the JSON reports of vitest and Playwright into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-reports';
const total = { passed: 0, failed: 0, skipped: 0 };

function addVitest(report) {
  total.passed += report.numPassedTests ?? 0;
  total.failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function addPlaywright(report) {
  const s = report.stats ?? {};
  total.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  total.failed += s.unexpected ?? 0;
  total.skipped += s.skipped ?? 0;
  if ((report.errors ?? []).length > 0) total.failed += report.errors.length;
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if ('numPassedTests' in report) addVitest(report);
  else if ('stats' in report) addPlaywright(report);
}
if (files.length === 0 || total.passed === 0) {
  console.error('no test ran: every report is missing or empty');
  total.failed += 1;
}
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
