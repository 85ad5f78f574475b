/**
 * Root causes' clinic × cause matrix as a heatmap model drawn on the heatmap's own canvas: every
 * cause labelled (flat on a desktop, turned 45° on a phone) with no two texts overlapping, each cause
 * column coloured by where the clinic stands among the clinics for that cause, the tooltip's words,
 * a cell's pick (the drill-down), and what it draws without a training roster or with a partial one.
 */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { clinicCauseMatrixChart, matrixNeeds } from '$lib/charts/attribution/clinic-cause-matrix';
import { STANDING_BINS, standingWithin } from '$lib/charts/color-scale';
import { cellPick, cellText, NOT_ASSESSED } from '$lib/charts/heatmap/heatmap-model';
import { cellAt, layoutHeatmap, OUTSIDE } from '$lib/charts/heatmap/heatmap-shapes';
import { shapesToSvg, type BoxShape, type Shape, type TextShape } from '$lib/charts/heatmap/shapes';

/** About sans-serif's average advance. */
const measure = (text: string, size: number) => text.length * size * 0.6;
const CLINICS = 49;
const CAUSES = ['workflow_variance', 'missed_training', 'build_defect', 'data_conversion', 'access_provisioning', 'technical', 'unattributed'];

/** 49 clinics × 7 causes in the page's row order, long names; build defects rare (one clinic far above), unattributed large; some pairs without tickets. */
function sample(users: (clinic: number) => number | null = () => 50) {
	const rows = { clinic_id: [] as string[], clinic_name: [] as string[], root_cause: [] as string[], tickets: [] as number[], per_100_users: [] as number[] };
	for (let c = 0; c < CLINICS; c++)
		CAUSES.forEach((cause, x) => {
			if ((c + x) % 9 === 0) return; // no tickets of this cause at this clinic
			const tickets = cause === 'build_defect' ? (c === 30 ? 12 : 1 + (c % 2)) : cause === 'unattributed' ? 300 + c : 5 + ((c * 7 + x) % 23);
			const n = users(c);
			rows.clinic_id.push(`C${String(c).padStart(3, '0')}`);
			rows.clinic_name.push(`Riverside Family Medicine and Pediatrics, North Campus ${c}`);
			rows.root_cause.push(cause);
			rows.tickets.push(tickets);
			rows.per_100_users.push(n === null ? NaN : (tickets * 100) / n);
		});
	return tableFromArrays({
		clinic_id: rows.clinic_id,
		clinic_name: rows.clinic_name,
		root_cause: rows.root_cause,
		tickets: Float64Array.from(rows.tickets),
		per_100_users: Float64Array.from(rows.per_100_users),
		clinics_in_scope: Int32Array.from(rows.tickets.map(() => CLINICS + 5))
	});
}
const model = clinicCauseMatrixChart(sample());

const texts = (shapes: readonly Shape[]) => shapes.filter((s): s is TextShape => s.kind === 'text');
type Point = readonly [number, number];
/** A text's box as drawn: its four corners, turned about its anchor when it is turned. */
function corners(t: TextShape): Point[] {
	const w = measure(t.text, t.size);
	const x0 = t.align === 'left' ? 0 : t.align === 'right' ? -w : -w / 2;
	const a = ((t.rotate ?? 0) * Math.PI) / 180;
	return [
		[x0, -t.size / 2],
		[x0 + w, -t.size / 2],
		[x0 + w, t.size / 2],
		[x0, t.size / 2]
	].map(([x, y]) => [t.x + x! * Math.cos(a) - y! * Math.sin(a), t.y + x! * Math.sin(a) + y! * Math.cos(a)] as const);
}
/** Two convex boxes overlap by more than a pixel on every axis of their edges (separating axis test). */
function overlap(a: Point[], b: Point[]): boolean {
	const axes = [a, b].flatMap((p) => [0, 1].map((i) => [p[i + 1]![1] - p[i]![1], p[i]![0] - p[i + 1]![0]] as const).map(([x, y]) => [x / Math.hypot(x, y), y / Math.hypot(x, y)] as const));
	return axes.every(([ax, ay]) => {
		const pa = a.map(([x, y]) => x * ax + y * ay);
		const pb = b.map(([x, y]) => x * ax + y * ay);
		return Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)) > 1;
	});
}

describe('the clinic × cause matrix drawn as shapes', () => {
	for (const width of [1358, 366]) {
		it(`keeps every text inside the figure and apart at ${width} px, every cause named in full`, () => {
			const layout = layoutHeatmap(model, width, measure);
			const all = texts(layout.shapes);
			for (const t of all)
				for (const [x, y] of corners(t)) {
					expect(x, t.text).toBeGreaterThanOrEqual(-1);
					expect(x, t.text).toBeLessThanOrEqual(layout.width + 1);
					expect(y, t.text).toBeGreaterThanOrEqual(-1);
					expect(y, t.text).toBeLessThanOrEqual(layout.height + 1);
				}
			const boxes = all.map(corners);
			const overlapping = all.flatMap((a, i) => all.slice(i + 1).flatMap((b, j) => (overlap(boxes[i]!, boxes[i + 1 + j]!) ? [`${a.text} × ${b.text}`] : [])));
			expect(overlapping).toEqual([]);
			const words = all.map((t) => t.text);
			for (const cause of CAUSES) expect(words).toContain(cause);
			expect(words.filter((t) => /^C\d{3}/.test(t))).toHaveLength(CLINICS);
			expect(words).toContain('Root cause');
			expect(words).toContain('Standing within each cause');
			for (const bin of STANDING_BINS) expect(words).toContain(bin);
			expect(words).toContain('no tickets');
			// Flat under a desktop's wide cells; turned 45° under a phone's, where the whole matrix fits the screen.
			const causeLabels = all.filter((t) => CAUSES.includes(t.text));
			expect(new Set(causeLabels.map((t) => t.rotate ?? 0))).toEqual(new Set([width < 600 ? -45 : 0]));
			expect(layout.plot.cell).toBeGreaterThanOrEqual(28);
			expect(layout.width).toBe(width);
			// Every cause label under its own column, in order.
			causeLabels.forEach((t, c) => expect(cellAt(layout.plot, t.x, layout.plot.top + 1)?.column).toBe(c));
		});
	}

	it('colours each cause column on its own: a rare cause’s outlier is its column’s top bin, as the largest unattributed count is in its own', () => {
		const layout = layoutHeatmap(model, 1358, measure);
		const { left, top, cell, row } = layout.plot;
		const cells = layout.shapes.filter((s): s is BoxShape => s.kind === 'box' && s.fill !== undefined && s.x >= left && s.y >= top && s.y < top + row * CLINICS && s.w === cell);
		const missing = [...Array(CLINICS * CAUSES.length).keys()].filter((i) => (Math.floor(i / CAUSES.length) + (i % CAUSES.length)) % 9 === 0).length;
		// White where the clinic had no ticket of that cause: no fill.
		expect(cells).toHaveLength(CLINICS * CAUSES.length - missing);
		for (const s of cells) {
			const hit = cellAt(layout.plot, s.x + 1, s.y + 1)!;
			const values = Array.from({ length: CLINICS }, (_, y) => model.values[y * CAUSES.length + hit.column]!).map((v) => (Number.isFinite(v) ? v : null));
			const bin = standingWithin(values)[hit.row]!;
			expect(s.fill).toBe(model.bins[bin]?.color);
		}
		const build = CAUSES.indexOf('build_defect');
		expect(model.cellBins?.[30 * CAUSES.length + build]).toBe(STANDING_BINS.length - 1);
		// Clinic 48 has no unattributed ticket: 47's is the column's largest.
		expect(model.cellBins?.[47 * CAUSES.length + CAUSES.indexOf('unattributed')]).toBe(STANDING_BINS.length - 1);
		// Clinic 30's 12 build defects, 24 per 100 users: read on hover and keyboard focus with unit and standing.
		expect(cellText(model, 30, build)).toBe(
			'C030 Riverside Family Medicine and Pediatrics, North Campus 30\nbuild_defect · 24 attributed tickets per 100 users, top 5% among the clinics for this cause'
		);
		expect(cellText(model, 0, 0)).toBe('C000 Riverside Family Medicine and Pediatrics, North Campus 0\nworkflow_variance · no tickets');
		// A click or Enter on the cell opens that clinic's and cause's tickets, as the data table's row does.
		expect(cellPick(model, 30, build)).toMatchObject({ x: 'build_defect', y: 'C030' });
		const tableRow = model.table.rows.findIndex((r) => r[0] === 'C030' && r[1] === 'build_defect');
		expect(model.table.rows[tableRow]).toEqual(['C030', 'build_defect', 12, 24]);
		expect(model.rowPicks?.[tableRow]).toMatchObject({ x: 'build_defect', y: 'C030' });
		expect(model.limited).toBe('Showing the first 49 of 54 clinics; 5 left out: choose a site or clinics in the filters to see the others.');
	});

	it('without a training roster draws attributed tickets, saying the rate is not assessed, rather than an empty grid', () => {
		const counts = clinicCauseMatrixChart(sample(() => null));
		expect(counts.unit).toBe('attributed tickets');
		expect(counts.caption).toMatch(/^Unit: attributed tickets\. Tickets per 100 users: not assessed \(needs the training roster\)/);
		expect(counts.cellBins?.includes(NOT_ASSESSED)).toBe(false);
		expect(counts.cellBins?.[30 * CAUSES.length + CAUSES.indexOf('build_defect')]).toBe(STANDING_BINS.length - 1);
		expect(cellText(counts, 30, CAUSES.indexOf('build_defect'))).toContain('build_defect · 12 attributed tickets, top 5%');
		// The table does not invent a rate.
		expect(counts.table.rows.every((r) => r[3] === null)).toBe(true);
	});

	it('is not assessed, in one line saying what it needs, when no clinic has a ticket attributed to a cause; its data table stays', () => {
		const only = (causes: readonly string[], ticketsOf: (cause: string) => number = () => 40) => {
			const rows = { clinic_id: [] as string[], clinic_name: [] as string[], root_cause: [] as string[], tickets: [] as number[] };
			for (let c = 0; c < 224; c++)
				for (const cause of causes) {
					rows.clinic_id.push(`Location ${c + 1}`);
					rows.clinic_name.push(`Location ${c + 1}`);
					rows.root_cause.push(cause);
					rows.tickets.push(c === 7 || cause === 'unattributed' ? ticketsOf(cause) : 0);
				}
			const n = rows.tickets.length;
			return tableFromArrays({ ...rows, tickets: Float64Array.from(rows.tickets), per_100_users: new Float64Array(n).fill(NaN), clinics_in_scope: new Int32Array(n).fill(224) });
		};
		// The ServiceNow log: 224 locations, every ticket unattributed, no roster or register.
		const unattributed = clinicCauseMatrixChart(only(['unattributed']), matrixNeeds({ roster: false, register: false }));
		expect(unattributed.unassessed).toBe(
			'Not assessed: every ticket in scope is unattributed; attributing tickets to causes needs the training roster and the workflow-variance register, or ticket categories and descriptions that name a cause. The data table has each clinic’s count.'
		);
		expect(unattributed.table.rows).toHaveLength(224);
		expect(unattributed.table.rows[0]).toEqual(['Location 1', 'unattributed', 40, null]);
		expect(clinicCauseMatrixChart(only(['unattributed']), matrixNeeds({ roster: true, register: false }))?.unassessed).toContain('needs the workflow-variance register, or');
		expect(clinicCauseMatrixChart(only(['unattributed']), matrixNeeds({ roster: true, register: true }))?.unassessed).toBe(
			'Not assessed: every ticket in scope is unattributed; no cause was found for them (by category, description, training, variance or defect). The data table has each clinic’s count.'
		);
		// A cause column whose cells hold no ticket attributes nothing either.
		expect(clinicCauseMatrixChart(only(['access_provisioning', 'unattributed'], (c) => (c === 'unattributed' ? 40 : 0))).unassessed).toBeDefined();
		// One clinic with 3 access tickets among 9,000 unattributed: measured, so drawn (most tickets unattributed is still a finding).
		const some = clinicCauseMatrixChart(
			only(['access_provisioning', 'unattributed'], (c) => (c === 'unattributed' ? 40 : 3)),
			matrixNeeds({ roster: false, register: false })
		);
		expect(some.unassessed).toBeUndefined();
		expect(some.columnKeys).toEqual(['access_provisioning', 'unattributed']);
		// The bundled-like matrix, causes measured: drawn as before.
		expect(model.unassessed).toBeUndefined();
		// No rows at all is empty (nothing in scope), not "not assessed".
		expect(clinicCauseMatrixChart(only([])).unassessed).toBeUndefined();
	});

	it('greys the cells of a clinic the roster leaves out as not assessed, and leaves it out of the standing', () => {
		const partial = clinicCauseMatrixChart(sample((c) => (c === 3 ? null : 50)));
		expect(partial.unit).toBe('attributed tickets per 100 users');
		const layout = layoutHeatmap(partial, 1358, measure);
		const grey = layout.shapes.filter((s): s is BoxShape => s.kind === 'box' && s.fill === OUTSIDE && s.w === layout.plot.cell);
		expect(grey.map((s) => cellAt(layout.plot, s.x + 1, s.y + 1)?.row)).toEqual(Array(CAUSES.length - 1).fill(3));
		expect(texts(layout.shapes).map((t) => t.text)).toContain('not assessed (no users on the training roster)');
		expect(cellText(partial, 3, 0)).toContain('workflow_variance · not assessed (no users on the training roster)');
		expect(partial.table.rows.find((r) => r[0] === 'C003')?.[3]).toBeNull();
	});

	it('prints as SVG: turned labels turned, clinic names escaped text', () => {
		const evil = clinicCauseMatrixChart(
			tableFromArrays({
				clinic_id: ['C1', 'C1', 'C1'],
				clinic_name: ['<b>x</b>\u202Eexe', '<b>x</b>\u202Eexe', '<b>x</b>\u202Eexe'],
				root_cause: ['missed_training', 'access_provisioning', 'technical'],
				tickets: Float64Array.from([3, 4, 5]),
				per_100_users: Float64Array.from([1.5, 2, 2.5]),
				clinics_in_scope: Int32Array.from([1, 1, 1])
			})
		);
		const l = layoutHeatmap(evil, 366, measure);
		const svg = shapesToSvg(l.width, l.height, l.shapes);
		expect(svg).toContain('>C1 &#60;b&#62;x&#60;/b&#62;exe<');
		expect(svg).not.toContain('\u202E');
		expect(svg).toMatch(/<text x="[\d.]+" y="[\d.]+" transform="rotate\(-45 [\d.]+ [\d.]+\)"[^>]*>access_provisioning<\/text>/);
	});
});
