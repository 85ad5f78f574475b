import type { Engine } from '$lib/engine';
import { buildAttribution } from '$lib/attribution';
import { buildRecovery, createScorecardView } from '$lib/recovery';

/**
 * Everything the pages read beyond the canonical tables and the overview's pre-aggregates:
 * the root-cause attribution, the recovery tables, and the `recovery_scorecard` view with its
 * top causes. In the order the data set builds them in the browser (attribution first: Root
 * causes needs nothing else); used where all of it is wanted at once (kept results at build time).
 */
export async function buildAnalysis(engine: Engine, data: object): Promise<void> {
	await buildAttribution(engine);
	await buildRecovery(engine, data);
	// Again, now that the attribution exists: the view's top causes come from it.
	await createScorecardView(engine);
}
