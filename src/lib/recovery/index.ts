/**
 * The recovery measures' pre-aggregated tables, built once per load of data and shared by
 * every visit of the recovery page.
 */
import type { Engine } from '$lib/engine';
import { createRecoveryTables } from '$lib/sql/recovery/tables';

const built = new WeakMap<object, Promise<void>>();

/**
 * Builds the tables unless they were built for this `data` already. `data` stands for the
 * data loaded: any object replaced whenever the data is (the dataset's list of loaded
 * tables is), so that an import rebuilds them.
 */
export function buildRecovery(engine: Engine, data: object): Promise<void> {
	let building = built.get(data);
	if (!building) {
		building = (async () => {
			for (const statement of createRecoveryTables()) await engine.query(statement);
		})();
		// A failed build may be retried.
		building.catch(() => built.delete(data));
		built.set(data, building);
	}
	return building;
}
