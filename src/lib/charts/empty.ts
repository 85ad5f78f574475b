/**
 * A chart with no data in scope says so, in a line, instead of an empty frame or an axis with
 * nothing on it, which reads as zero (issue 19 item 3 of stop 19). The model says what is missing
 * and why where it knows (`withEmpty`); a model whose table has no rows says it has no data at all.
 */

/** Said when a model has no rows and does not say why (Recovery without a throughput or billing export, for one). */
export const NO_DATA = 'Nothing to draw: no data for the chosen scope, or the export this chart needs is not loaded.';

/** What a chart with nothing to draw says, or null when it has something to draw. */
export function emptyText(model: { readonly empty?: string; readonly table: { readonly rows: readonly unknown[] } }): string | null {
	return model.empty ?? (model.table.rows.length === 0 ? NO_DATA : null);
}

/** The model, saying `reason` when its table has no rows (the page knows why: no tickets in the chosen sites and dates). */
export function withEmpty<M extends { readonly empty?: string; readonly table: { readonly rows: readonly unknown[] } }>(model: M, reason: string): M {
	return model.table.rows.length === 0 && model.empty === undefined ? { ...model, empty: reason } : model;
}
