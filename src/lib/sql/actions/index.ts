import type { Sql } from '../fragment';
import { createActionCurves, createActionDecay, createActionHorizon, createDefectPersistence } from './action-list';
import { createActionListView } from './action-view';

/** The action list's tables and its view, in dependency order, after the attribution's. */
export function actionListStatements(): Sql[] {
	return [createActionHorizon(), createActionCurves(), createActionDecay(), createDefectPersistence(), createActionListView()];
}
