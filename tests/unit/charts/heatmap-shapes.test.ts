/** The Overview heatmap drawn as shapes on its own canvas: texts apart at a desktop's and a phone's width, every cell in its bin, cut-short and unobserved weeks marked. */
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { binOf, cellText } from '$lib/charts/heatmap/heatmap-model';
import { cellAt, layoutHeatmap, OUTSIDE } from '$lib/charts/heatmap/heatmap-shapes';
import { shapesToSvg, type BoxShape } from '$lib/charts/heatmap/shapes';
import { ticketRateHeatmapChart } from '$lib/charts/overview/ticket-rate-heatmap';
import { box, expectTextsApart, measure, texts } from '../helpers/text-boxes';

const DAY = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const CLINICS = 49;
const WEEKS = 40;
const first = DAY('2026-01-05');

/** 49 clinics × 40 calendar weeks (the sample's size), long names, a spike at each clinic's go-live; the last week cut to 3 days. */
function sample(perUsers = true) {
	const rows = { clinic_id: [] as string[], clinic_name: [] as string[], k: [] as number[], tickets: [] as number[], per_100_users: [] as (number | null)[] };
	for (let c = 0; c < CLINICS; c++)
		for (let w = 0; w < WEEKS; w++) {
			if ((c + w) % 11 === 0) continue; // a week without tickets
			const n = w === c % 20 ? 40 : 1 + ((c * 7 + w) % 5);
			rows.clinic_id.push(`C${String(c).padStart(3, '0')}`);
			rows.clinic_name.push(`Riverside Family Medicine and Pediatrics, North Campus ${c}`);
			rows.k.push(first + 7 * w);
			rows.tickets.push(n);
			rows.per_100_users.push(perUsers ? n / 2 : null);
		}
	return tableFromArrays({
		clinic_id: rows.clinic_id,
		clinic_name: rows.clinic_name,
		k: Int32Array.from(rows.k),
		tickets: Int32Array.from(rows.tickets),
		per_100_users: rows.per_100_users,
		clinics_in_scope: Int32Array.from(rows.k.map(() => CLINICS))
	});
}
const lastWeek = first + 7 * (WEEKS - 1);
const model = ticketRateHeatmapChart(sample(), 'calendar', { daysOf: (_id, k) => (k === lastWeek ? 3 : 7) });

const entries = new Set([...model.bins.map((b) => b.label), 'no tickets', 'week cut short (reads low)']);

describe('the ticket-rate heatmap drawn as shapes', () => {
	for (const width of [1358, 366]) {
		it(`keeps every text inside the figure and apart at ${width} px`, () => {
			const layout = layoutHeatmap(model, width, measure);
			const boxes = texts(layout.shapes).map(box);
			expectTextsApart(boxes, layout.width, layout.height);
			// Every clinic labelled (cut with "…" when long), several week labels, the axis title and every legend bin.
			const all = boxes.map((b) => b.t);
			expect(all.filter((t) => /^C\d{3}/.test(t))).toHaveLength(CLINICS);
			expect(all.filter((t) => /^2026-/.test(t)).length).toBeGreaterThanOrEqual(3);
			expect(all).toContain('Week (Monday)');
			for (const bin of model.bins) expect(all).toContain(bin.label);
			expect(all).toContain('week cut short (reads low)');
			// The legend and the axis title stay within the first screen of a phone's figure (it scrolls sideways).
			for (const b of boxes.filter((b) => b.t === 'Week (Monday)' || b.t === model.unit || entries.has(b.t))) expect(b.x + b.w, b.t).toBeLessThanOrEqual(width);
			// Cells of at least 12 px: on a phone the figure is wider than the screen and scrolls sideways.
			expect(layout.plot.cell).toBeGreaterThanOrEqual(12);
			if (width < 600) expect(layout.width).toBeGreaterThan(width);
			else expect(layout.width).toBe(width);
		});
	}

	it('colours each cell by its bin, leaves weeks without tickets white, and outlines the cut-short week', () => {
		const layout = layoutHeatmap(model, 1358, measure);
		const { left, top, cell, row } = layout.plot;
		const cells = layout.shapes.filter((s): s is BoxShape => s.kind === 'box' && s.fill !== undefined && s.x >= left && s.y >= top && s.y < top + row * CLINICS && s.w === cell);
		// One filled cell per clinic-week with tickets (the 11th diagonal has none).
		const withTickets = CLINICS * WEEKS - [...Array(CLINICS * WEEKS).keys()].filter((i) => (Math.floor(i / WEEKS) + (i % WEEKS)) % 11 === 0).length;
		expect(cells).toHaveLength(withTickets);
		for (const s of cells) {
			const hit = cellAt(layout.plot, s.x + 1, s.y + 1)!;
			const v = model.values[hit.row * WEEKS + hit.column]!;
			expect(s.fill).toBe(model.bins[binOf(model.bins, v)]?.color);
		}
		const dashed = layout.shapes.filter((s): s is BoxShape => s.kind === 'box' && s.dash !== undefined && s.w === cell);
		expect(dashed).toHaveLength(CLINICS);
		expect(new Set(dashed.map((s) => Math.round(s.x)))).toEqual(new Set([Math.round(left + (WEEKS - 1) * cell)]));
		// The tooltip and keyboard read-out say it.
		expect(cellText(model, 1, WEEKS - 1)).toContain('(3 of 7 days of data: reads low)');
		expect(cellText(model, 0, 1)).toBe('C000 Riverside Family Medicine and Pediatrics, North Campus 0\n2026-01-12 · 1 tickets per 100 users');
		expect(cellText(model, 0, 11)).toContain('no tickets');
		// The data table says how many days each row's week has, beside the week.
		expect(model.table.columns).toEqual(['clinic', 'week', 'days of data', 'tickets', 'tickets per 100 users']);
		expect(model.table.rows.filter((r) => r[2] === 3)).toHaveLength(model.table.rows.filter((r) => r[1] === '2026-10-05').length);
	});

	it('draws go-live weeks outside the export grey (not observed), not white as "no tickets"', () => {
		const goLive = ticketRateHeatmapChart(sample(), 'go_live', { daysOf: (id) => (id === 'C000' ? 0 : 7) });
		const layout = layoutHeatmap(goLive, 1358, measure);
		const grey = layout.shapes.filter((s): s is BoxShape => s.kind === 'box' && s.fill === OUTSIDE && s.w === layout.plot.cell);
		expect(grey.length).toBe(goLive.columnKeys.length);
		expect(texts(layout.shapes).map((t) => t.text)).toContain('not in the data');
		expect(cellText(goLive, 0, 1)).toContain('not in the data');
	});

	it('prints as SVG with labels as escaped text, bidi controls gone', () => {
		const evil = tableFromArrays({
			clinic_id: ['C1'],
			clinic_name: ['<b>x</b> \u202Egnp.exe'],
			k: Int32Array.from([first]),
			tickets: Int32Array.from([3]),
			per_100_users: [1.5],
			clinics_in_scope: Int32Array.from([1])
		});
		const m = ticketRateHeatmapChart(evil, 'calendar');
		const l = layoutHeatmap(m, 990, measure);
		const svg = shapesToSvg(l.width, l.height, l.shapes);
		expect(svg).toContain('C1 &#60;b&#62;x&#60;/b&#62; gnp.exe');
		expect(svg).not.toContain('\u202E');
		expect(cellText(m, 0, 0)).not.toContain('\u202E');
	});
});
