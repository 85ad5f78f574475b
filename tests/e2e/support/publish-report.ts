/**
 * Publishing a report from a folder of exports as `npm run publish-report` does, for the e2e files
 * that open a published site (publish.test.ts, servicenow-report.test.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The real ServiceNow event log: 24,918 incidents over 224 locations (6 without one: unassigned), nothing but tickets. */
export const SERVICENOW = path.resolve('tests/fixtures/servicenow-incident-log');

/** Runs publish-report with these arguments; its exit status and everything it printed. */
export function publish(...args: string[]): { status: number | null; output: string } {
	const run = spawnSync('npx', ['tsx', 'scripts/publish-report.ts', ...args], { encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
