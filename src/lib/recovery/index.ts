/**
 * The recovery measures' pre-aggregated tables, built once per load of data and shared by
 * every visit of the recovery page.
 */
import type { Engine } from '$lib/engine';
import { inlineParams, trusted } from '$lib/sql/fragment';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from './settings';
import { RECOVERY_SCORECARD, recoveryScorecardSql } from '$lib/sql/recovery/scorecard-view';
import { createRecoveryTables } from '$lib/sql/recovery/tables';

const built = new WeakMap<object, Promise<void>>();

/**
 * Builds the tables (and the `recovery_scorecard` view over them) unless they were built for this `data` already. `data` stands for the
 * data loaded: any object replaced whenever the data is (the dataset's list of loaded
 * tables is), so that an import rebuilds them.
 */
export function buildRecovery(engine: Engine, data: object): Promise<void> {
	let building = built.get(data);
	if (!building) {
		building = (async () => {
			for (const statement of createRecoveryTables()) await engine.query(statement);
			await createScorecardView(engine);
		})();
		// A failed build may be retried.
		building.catch(() => built.delete(data));
		built.set(data, building);
	}
	return building;
}

/**
 * The recovery tables of `data` and the `recovery_scorecard` view over them, with its top
 * causes when the attribution is built: for a page that lists the SQL surface (the console).
 */
export async function buildScorecardView(engine: Engine, data: object): Promise<void> {
	await buildRecovery(engine, data);
	await createScorecardView(engine);
}

/**
 * (Re)creates the view over the recovery tables (built by `buildRecovery`), with the top
 * cause once the attribution's tables exist: call it again after the attribution is built.
 */
export async function createScorecardView(engine: Engine, s: RecoverySettings = DEFAULT_RECOVERY_SETTINGS): Promise<void> {
	const found = await engine.query(trusted(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'attribution_cause_days'`));
	const attributed = Number(found.getChildAt(0)?.get(0) ?? 0) > 0;
	await engine.query(trusted(`CREATE OR REPLACE VIEW ${RECOVERY_SCORECARD} AS ${inlineParams(recoveryScorecardSql(s, attributed))}`));
}
