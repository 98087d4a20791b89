// The last lines of a CI run: every failed test by file and name, with the first line of its error,
// then one line "N passed, N failed". Only the end of a run's output may be kept, so the names of what
// failed have to be there, beside the count.
// Usage: node .ci/summary.mjs <failed steps> <vitest JSON report>...
import fs from 'node:fs';
import path from 'node:path';

const [failedSteps, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = Number(failedSteps);
const failures = [];

for (const file of reports) {
  if (!fs.existsSync(file)) {
    failed += 1;
    failures.push(`${file} missing: the run crashed`);
    continue;
  }
  const report = JSON.parse(fs.readFileSync(file, 'utf8'));
  const run = path.basename(file, '.json');
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  for (const suite of report.testResults) {
    const where = path.relative(process.cwd(), suite.name);
    // A suite that failed to load counts as a failure even though none of its tests ran.
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failed += 1;
      failures.push(`[${run}] ${where}: ${firstLine(suite.message)}`);
    }
    for (const test of suite.assertionResults) {
      if (test.status !== 'failed') continue;
      failures.push(`[${run}] ${where} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}

if (failures.length > 0) {
  console.log('\nFailed:');
  for (const failure of failures) console.log(`  ${failure}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function firstLine(text) {
  // Vitest's messages carry ANSI colours and long stacks; one plain line is enough to find the test.
  const line = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 300);
}
