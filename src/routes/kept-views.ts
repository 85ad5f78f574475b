/**
 * Every page's default view, run on one engine: what the pages ask for when they open without
 * a link of their own. Run on an engine that records (src/lib/kept/recording-engine.ts), it
 * gives the results kept for the data: at build time (scripts/kept-results.ts) and in the
 * browser after an import (the data set's `recordViews`). The pages' own state classes run it,
 * so what is kept is exactly what they ask.
 */
import type { Engine } from '$lib/engine';
import { reportIdentity } from '$lib/data/report-identity';
import { dataIdentity } from '$lib/data/identity';
import { recordingEngine } from '$lib/kept/recording-engine';
import { ActionsState } from './actions/actions.svelte';
import { AttributionState } from './attribution/attribution.svelte';
import { OverviewState } from './overview.svelte';
import { RecoveryState } from './recovery/recovery.svelte';

/** The statements each page's default view asks, with their results (Arrow IPC, by statement key). `engine` holds the data analysed. */
export async function recordDefaultViews(engine: Engine): Promise<ReadonlyMap<string, Uint8Array>> {
	const recording = recordingEngine(engine);
	const failed: string[] = [];
	const check = (page: string, state: { error: Error | null }) => state.error && failed.push(`${page}: ${state.error.message}`);
	await dataIdentity(recording);
	await reportIdentity(recording);

	const overview = new OverviewState();
	await overview.start(recording);
	await overview.loadWatchContext(Promise.resolve(recording), Promise.resolve(recording));
	check('Overview', overview);

	const attribution = new AttributionState();
	await attribution.start(recording);
	check('Root causes', attribution);

	const actions = new ActionsState();
	await actions.start(recording);
	check('Actions', actions);

	const recovery = new RecoveryState();
	await recovery.start(recording);
	await recovery.forecastsLoaded;
	// Its first view draws from statements of its own; the pre-aggregates its filter changes are computed from are kept too.
	await recovery.prepareFilterChanges();
	check('Recovery', recovery);

	// What failed is not kept: the page asks DuckDB for it, and shows the error then.
	if (failed.length > 0) console.warn(`Kept results: some page statements failed and are computed live:\n${failed.join('\n')}`);
	return recording.recorded;
}
