/**
 * Accuracy benchmark of the root-cause attribution (issue 4): `npm run bench:attribution`.
 * For each scenario (scenarios.ts) it generates a go-live, attributes it, and prints how
 * close the attributed shares, the top causes and the flagged variances come to the planted
 * truth, beside the targets. Missing a target does not fail the run; an error does, and so
 * does a `ticket_root_cause` that breaks its contract (the figures would mean nothing).
 * `BENCH_SCENARIOS="default,quiet"` runs a subset.
 */
import { describe, expect, it } from 'vitest';
import { buildAttribution } from '$lib/attribution';
import { scenarioDetail, summary, type Outcome } from './report';
import { runScenario } from './run-scenario';
import { selectedScenarios } from './scenarios';

const outcomes: Outcome[] = [];

describe.sequential('attribution accuracy', () => {
	for (const scenario of selectedScenarios()) {
		it(scenario.name, async () => {
			try {
				const result = await runScenario(scenario, buildAttribution);
				outcomes.push(result);
				console.log(scenarioDetail(result));
			} catch (error) {
				outcomes.push({ scenario, error: error instanceof Error ? error.message : String(error) });
				throw error;
			}
		});
	}

	it('summary', () => {
		console.log(summary(outcomes));
		const broken = outcomes.filter((o) => 'tickets' in o && o.tickets.issues.length > 0).map((o) => o.scenario.name);
		expect(broken, 'scenarios whose ticket_root_cause breaks its contract').toEqual([]);
	});
});
