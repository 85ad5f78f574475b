import type { Engine } from '$lib/engine';
import { createAnalysisRelations } from '$lib/sql/views';

/**
 * Builds the analysis views and the overview's pre-aggregates over the canonical tables.
 * Run after every change of those tables: a load, an import swapped in, a restore.
 */
export async function buildAnalysisRelations(engine: Engine): Promise<void> {
	for (const statement of createAnalysisRelations()) await engine.query(statement);
}
