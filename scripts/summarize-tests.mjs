// Adds up the JSON reports of vitest and Playwright into one closing line: "N passed, N failed, N skipped".
// A failure outside any test (a file that failed to load, a hook, an unhandled error) counts as a failure too, and
// its file is named here, since a CI log is often read from its tail.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-reports';
const total = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function addVitest(report) {
  total.passed += report.numPassedTests ?? 0;
  total.failed += report.numFailedTests ?? 0;
  total.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed').length;
    if (file.status !== 'failed' || failedTests > 0) continue;
    // Failed with no failed test: the file itself broke, so none, or not all, of its tests ran.
    total.failed += 1;
    problems.push(`${path.relative(process.cwd(), file.name)}: ${file.message || 'failed outside its tests'}`);
  }
  if (report.success === false && report.numFailedTests === 0 && problems.length === 0) {
    total.failed += 1;
    problems.push('vitest reported a failure outside any test file (see its "Unhandled Errors" above)');
  }
}

function addPlaywright(report) {
  const s = report.stats ?? {};
  total.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  total.failed += s.unexpected ?? 0;
  total.skipped += s.skipped ?? 0;
  for (const error of report.errors ?? []) {
    total.failed += 1;
    problems.push(`playwright: ${String(error.message ?? error).split('\n')[0]}`);
  }
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const file of files) {
  const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  if ('numPassedTests' in report) addVitest(report);
  else if ('stats' in report) addPlaywright(report);
}
if (files.length === 0 || total.passed === 0) {
  problems.push('no test ran: every report is missing or empty');
  total.failed += 1;
}
for (const problem of problems) console.error(`failed outside a test: ${problem}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
