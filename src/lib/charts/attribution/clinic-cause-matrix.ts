import { CAUSE_ORDER } from '../cause-colors';
import { clinicLabel } from '../clinic-label';
import { clinicLimit } from '../clinic-limit';
import { STANDING_BINS, standingWithin } from '../color-scale';
import { NOT_ASSESSED, type HeatBin, type HeatmapModel } from '../heatmap/heatmap-model';
import { numbers, strings, type ResultColumns } from '$lib/results/columns';
import type { ChartPick } from '../model';

const round1 = (x: number) => Math.round(x * 10) / 10;
/** Low to high, one per standing bin (STANDING_BINS); the palest is still coloured: a white cell has no tickets. */
const ORANGES = ['#fee8c8', '#fdd49e', '#fdbb84', '#fc8d59', '#d7301f', '#7f0000'];
const BINS: readonly HeatBin[] = STANDING_BINS.map((label, i) => ({ min: i, max: i + 1, label, color: ORANGES[i] ?? '#7f0000' }));
const NO_USERS = 'no users on the training roster';
const UNATTRIBUTED = 'unattributed';

/** The exports attributing tickets to causes needs that are not loaded, in words (null when both are). */
export function matrixNeeds(loaded: { readonly roster: boolean; readonly register: boolean }): string | null {
	const missing = [!loaded.roster && 'the training roster', !loaded.register && 'the workflow-variance register'].filter((x): x is string => typeof x === 'string');
	return missing.length === 0 ? null : missing.join(' and ');
}

/** One line: why the matrix is not drawn, what it needs, where the counts still are. */
function unassessedText(needs: string | null): string {
	const why = needs
		? `attributing tickets to causes needs ${needs}, or ticket categories and descriptions that name a cause`
		: 'no cause was found for them (by category, description, training, variance or defect)';
	return `Not assessed: every ticket in scope is unattributed; ${why}. The data table has each clinic’s count.`;
}

/**
 * Clinic x root cause: attributed tickets per 100 users; clinics in go-live order. Each cause
 * column is coloured on its own (where the clinic stands among clinics for that cause), so the
 * large "unattributed" and data-conversion columns do not wash out rare causes such as build
 * defects; the values themselves are in the tooltip and the data table. Drawn on the heatmap's
 * canvas (Heatmap.svelte): as an ECharts heatmap it cost ~5 ms of every filter change.
 *
 * Without a training roster there are no users to rate by: the cells are then attributed tickets
 * (the caption says the rate is not assessed) rather than an empty grid; a clinic the roster
 * leaves out has grey cells, "not assessed", and is left out of its columns' standing.
 *
 * When no clinic in scope has a ticket attributed to any cause (a ticket export alone, such as
 * ServiceNow's: every ticket "unattributed"), the matrix would be one column of counts down every
 * clinic, hundreds of rows that say nothing about causes: it is `unassessed` instead (one line,
 * saying what it needs: `needs`, from `matrixNeeds`), and its data table keeps each clinic's count.
 */
export function clinicCauseMatrixChart(result: ResultColumns, needs: string | null = null): HeatmapModel {
	const clinicIds = strings(result, 'clinic_id');
	const names = strings(result, 'clinic_name');
	const causes = strings(result, 'root_cause');
	const rates = numbers(result, 'per_100_users').map((r) => (r === null || !Number.isFinite(r) ? null : round1(r)));
	const tickets = numbers(result, 'tickets');
	const perUsers = rates.some((r) => r !== null);
	const attributed = causes.some((c, i) => c !== UNATTRIBUTED && (tickets[i] ?? 0) > 0);
	const present = new Set(causes);
	const columns = CAUSE_ORDER.filter((c) => present.has(c));
	const column = new Map(columns.map((c, i) => [c, i]));
	const clinics: string[] = [];
	const labels: string[] = [];
	const row = new Map<string, number>();
	clinicIds.forEach((id, i) => {
		const key = id ?? '';
		if (row.has(key)) return;
		row.set(key, clinics.length);
		clinics.push(key);
		labels.push(clinicLabel(key, names[i]));
	});
	const values = new Float64Array(clinics.length * columns.length).fill(NaN);
	const cellBins = new Int8Array(values.length).fill(-1);
	const tableRows: (string | number | null)[][] = [];
	const rowPicks: ChartPick[] = [];
	causes.forEach((cause, i) => {
		const x = column.get(cause ?? '');
		const y = row.get(clinicIds[i] ?? '');
		if (x === undefined || y === undefined) return;
		const count = round1(tickets[i] ?? 0);
		const value = perUsers ? rates[i] : count;
		if (value === null || value === undefined) cellBins[y * columns.length + x] = NOT_ASSESSED;
		else values[y * columns.length + x] = value;
		tableRows.push([clinicIds[i] ?? '', cause ?? '', count, rates[i] ?? null]);
		rowPicks.push({ series: undefined, x: cause ?? undefined, y: clinicIds[i] ?? undefined });
	});
	// Each column's cells binned among themselves (clinics without a value left out).
	columns.forEach((_, x) => {
		const at = clinics.map((_, y) => y * columns.length + x);
		standingWithin(at.map((a) => (Number.isFinite(values[a]) ? (values[a] ?? null) : null))).forEach((bin, i) => {
			if (bin !== null) cellBins[at[i] ?? 0] = bin;
		});
	});
	const unit = perUsers ? 'attributed tickets per 100 users' : 'attributed tickets';
	const colour =
		'Colour: each cause column on its own, where the clinic stands among the clinics for that cause (quartiles, p90, p95), so a rare cause shows its outliers beside a common one.';
	return {
		kind: 'heatmap',
		...clinicLimit(result, clinics.length),
		rowKeys: clinics,
		rowLabels: labels,
		columnKeys: columns,
		columnLabels: columns,
		categorical: true,
		columnNoun: 'root causes',
		axisTitle: 'Root cause',
		values,
		unit,
		legendTitle: 'Standing within each cause',
		bins: BINS,
		cellBins,
		binScope: 'among the clinics for this cause',
		notAssessed: NO_USERS,
		caption: perUsers
			? `Unit: attributed tickets per 100 users (tooltip and data). ${colour}`
			: `Unit: attributed tickets. Tickets per 100 users: not assessed (needs the training roster), so a large clinic stands high. ${colour}`,
		rowPicks,
		...(attributed || tableRows.length === 0 ? {} : { unassessed: unassessedText(needs) }),
		table: { columns: ['clinic', 'root cause', 'attributed tickets', 'per 100 users'], rows: tableRows }
	};
}
