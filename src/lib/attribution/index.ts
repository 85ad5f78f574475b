/**
 * Root-cause attribution: the measured effects (training, workflow variance, build-defect
 * incidents) and the per-ticket `ticket_root_cause` view, rebuilt after each data load.
 */
import type { Engine } from '$lib/engine';
import type { Sql } from '$lib/sql/fragment';
import { createAreaUsers, createDefectCells, createIncidents } from '$lib/sql/attribution/incidents';
import { createTicketBase } from '$lib/sql/attribution/ticket-base';
import { createCauseDays, createTicketCauses, createTicketRates, createTicketRootCauseView } from '$lib/sql/attribution/ticket-causes';
import { createTrainingEffect, createTrainingRates, createTrainingStrata } from '$lib/sql/attribution/training-effect';
import { createTestMacros } from '$lib/sql/attribution/tests';
import { createWaveCells } from '$lib/sql/attribution/single-wave';
import { createUserWeeks } from '$lib/sql/attribution/user-weeks';
import { createWordEnrichment } from '$lib/sql/attribution/word-evidence';
import { createWordWeights } from '$lib/sql/attribution/word-weights';
import { createAreaTests, createVarianceCells, createVarianceEffect, createVariances } from '$lib/sql/attribution/variance-effect';
import { actionListStatements } from '$lib/sql/actions';

/** In dependency order: each statement reads only what the ones before it made. */
export function attributionStatements(): Sql[] {
	return [
		...createTestMacros(),
		createTicketBase(),
		createUserWeeks(),
		createVariances(),
		createTrainingStrata(),
		createTrainingEffect(),
		createTrainingRates(),
		createAreaUsers(),
		createDefectCells(),
		createWaveCells(),
		...createIncidents(),
		createVarianceCells(),
		createAreaTests(),
		createVarianceEffect(),
		createTicketRates(),
		createWordEnrichment(),
		createWordWeights(),
		createTicketCauses(),
		createTicketRootCauseView(),
		createCauseDays(),
		...actionListStatements()
	];
}

export async function buildAttribution(engine: Engine): Promise<void> {
	for (const statement of attributionStatements()) await engine.query(statement);
}
