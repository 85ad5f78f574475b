/** The recovery chart adapters over real query results on the small recovery go-live. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimFlowChart, lagByClinicChart, lagChart } from '$lib/charts/recovery/billing-charts';
import { productivityByClinicChart, productivityBySiteChart, productivityByWaveChart } from '$lib/charts/recovery/productivity-charts';
import { MAX_PANELS, panelColumns, smallMultiplesChart, smallMultiplesHeight, type Panel } from '$lib/charts/recovery/small-multiples';
import { unbilledChart } from '$lib/charts/recovery/unbilled';
import type { Engine } from '$lib/engine';
import type { ClinicChoice } from '$lib/scope/choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { buildRecovery } from '$lib/recovery';
import { DEFAULT_RECOVERY_SETTINGS, type RecoverySettings } from '$lib/recovery/settings';
import { billingBaseline, billingClinicBaseline, billingSeries } from '$lib/sql/recovery/billing-lag';
import { dnfbBaseline, dnfbSeries } from '$lib/sql/recovery/dnfb';
import { productivitySeries } from '$lib/sql/recovery/productivity';
import { engineWith, rows } from '../helpers/fixture';
import { A_COMPLETED, BASELINE_WEEKS, SMALL_RECOVERY } from '../helpers/small-recovery';

const S: RecoverySettings = { ...DEFAULT_RECOVERY_SETTINGS, baselineWeeks: BASELINE_WEEKS, maturityDays: 7 };
const goLive = { ...DEFAULT_FILTERS, axis: 'go_live' as const };
const CLINICS: ClinicChoice[] = [
	{ id: 'A', name: 'Alder', site: 'S1', goLive: '2026-03-02' },
	{ id: 'B', name: 'Birch', site: 'S1', goLive: '2026-03-02' },
	{ id: 'D', name: 'Dogwood', site: 'S2', goLive: '2026-03-02' },
	{ id: 'C', name: 'Cedar', site: 'S2', goLive: '2026-03-16' }
];

let engine: Engine;
beforeAll(async () => {
	engine = await engineWith(SMALL_RECOVERY);
	await buildRecovery(engine, engine);
});
afterAll(() => engine.close());

type Options = { series: { name: string; data: unknown[]; markLine?: { data: { yAxis?: unknown; xAxis?: unknown }[] } }[]; grid: unknown[] };

describe('recovery line charts', () => {
	it('show each site, all in scope and planned as % of baseline, with the threshold and go-live marked', async () => {
		const model = productivityBySiteChart(await engine.query(productivitySeries(goLive, S, 'site')), await engine.query(productivitySeries(goLive, S, 'all')), 'go_live', [], 0.95);
		expect(model.table.columns).toEqual(['week', 'S1', 'S2', 'all in scope', 'all in scope: planned']);
		expect(model.table.rows.map((r) => r[0])).toEqual(['-2', '-1', 'go-live', '+1', '+2', '+3', '+4', '+5']);
		const options = model.option as unknown as Options;
		expect(options.series[0]?.markLine?.data).toEqual(expect.arrayContaining([expect.objectContaining({ xAxis: 'go-live' }), expect.objectContaining({ yAxis: 95 })]));
		// The planned line is A's alone (only A records schedules): 16 / 22.
		expect(model.table.rows[2]?.[4]).toBe(72.7);
	});

	it('compare waves on weeks since go-live, whatever the page’s axis', async () => {
		const model = productivityByWaveChart(await engine.query(productivitySeries(goLive, S, 'wave')), 0.95);
		expect(model.table.columns).toEqual(['week', 'wave of 2026-03-02']);
	});

	it('show lag percentiles and the late and denied shares against the baselines', async () => {
		const all = await engine.query(billingSeries(goLive, S, 'all'));
		const baseline = await engine.query(billingBaseline(goLive, S));
		const lags = lagChart(all, baseline, 'go_live', [], 7);
		expect(lags.table.columns).toEqual(['week', 'billing lag, median', 'billing lag, p90', 'charge lag, median', 'charge lag, p90']);
		const flow = claimFlowChart(all, baseline, 'go_live', [], 7);
		expect(flow.table.columns).toEqual(['week', 'billed later than 7 days', 'first-pass denial rate']);
		expect((flow.option as unknown as Options).series[0]?.markLine?.data.filter((d) => d.yAxis !== undefined)).toHaveLength(2);
	});

	it('stack DNFB encounters by site with the total, DNFB days, the baseline and the excess in the table', async () => {
		const W = { ...S, dnfbWindowDays: 14 };
		const model = unbilledChart(await engine.query(dnfbSeries(goLive, W, 'site')), await engine.query(dnfbBaseline(goLive, W)), 'go_live', [], W);
		const name = 'DNFB encounters (served 8–14 days ago, no claim)';
		expect(model.table.columns).toEqual(['week', `S1: ${name}`, `S2: ${name}`, 'total', 'DNFB days', 'baseline DNFB days', 'excess over baseline (days)']);
		for (const row of model.table.rows) expect(row[3]).toBe(((row[1] as number | null) ?? 0) + ((row[2] as number | null) ?? 0));
		// The DNFB days of all the sites, added up from the site roll-up, are those of the 'all' roll-up.
		const all = await rows(engine, dnfbSeries(goLive, W, 'all'));
		const byWeek = new Map(all.map((r): [number, number | null] => [Number(r.k), r.dnfb_days === null ? null : Math.round((r.dnfb_days as number) * 100) / 100]));
		expect(all.filter((r) => typeof r.dnfb_days === 'number' && r.dnfb_days > 0).length).toBeGreaterThanOrEqual(2);
		const weeks = model.xKeys ?? [];
		expect(weeks.map((k, i) => [k, model.table.rows[i]?.[4] ?? null])).toEqual(weeks.map((k) => [k, byWeek.get(Number(k)) ?? null]));
		for (const row of model.table.rows) {
			if (typeof row[4] === 'number' && typeof row[5] === 'number') expect(row[6]).toBeCloseTo(row[4] - row[5], 9);
		}
	});
});

describe('small multiples', () => {
	it('draw one panel per clinic with data, slow clinics highlighted, go-live and threshold marked, and a long data table', async () => {
		const model = productivityByClinicChart(await engine.query(productivitySeries(goLive, S, 'clinic')), 'go_live', CLINICS, new Set(['D']), 0.95);
		// C has no baseline, so no panel.
		expect(model.panels.map((p) => p.label)).toEqual(['A Alder', 'B Birch', 'D Dogwood']);
		expect(model.panels.map((p) => p.highlight)).toEqual([false, false, true]);
		// Week 0 on the go-live axis; the threshold in percent.
		for (const p of model.panels) {
			expect(model.labels[p.goLive ?? -1]).toBe('go-live');
			expect(p.reference).toBe(95);
		}
		expect(model.panels[0]?.values).toEqual(model.labels.map((l) => model.table.rows.find((r) => r[0] === 'A' && r[1] === l)?.[2] ?? null));
		expect(model.table.columns).toEqual(['clinic', 'week', '% of baseline']);
		expect(model.table.rows.filter((r) => r[0] === 'A').map((r) => r[2])).toEqual([-2, -1, 0, 1, 2, 3, 4, 5].map((k) => ((A_COMPLETED[k] ?? 0) / 20) * 100));
	});

	it('draw each clinic’s own baseline across its billing-lag panel', async () => {
		const model = lagByClinicChart(await engine.query(billingSeries(goLive, S, 'clinic')), await engine.query(billingClinicBaseline(S)), 'go_live', CLINICS, new Set());
		expect(model.table.columns).toEqual(['clinic', 'week', 'median billing lag, days', 'baseline median, days']);
		expect(model.table.rows.find((r) => r[0] === 'A')?.[3]).toBe(5.5);
	});

	it('lay panels out about square, at most 7 across', () => {
		expect([1, 4, 12, 49, 100].map((n) => panelColumns(n))).toEqual([1, 2, 4, 7, 7]);
		// No panel narrower than 150 px: two across on a phone.
		expect(panelColumns(49, 366)).toBe(2);
		expect(smallMultiplesHeight(49)).toBeGreaterThan(smallMultiplesHeight(12));
	});

	it('draw the first clinics only when there are very many, saying how many are left out', () => {
		const panel = (i: number): Panel => ({ id: `K${i}`, label: `K${i} Clinic ${i}`, points: new Map([[0, 1]]) });
		const many = smallMultiplesChart(
			Array.from({ length: 100_000 }, (_, i) => panel(i)),
			{ axis: 'go_live', valueName: 'x' }
		);
		expect(many.panels).toHaveLength(MAX_PANELS);
		expect(many.panels.at(-1)?.label).toBe(`K${MAX_PANELS - 1} Clinic ${MAX_PANELS - 1}`);
		expect(many.table.rows).toHaveLength(MAX_PANELS);
		expect(many.limited).toBe('Showing the first 140 of 100,000 clinics with data, in go-live order; 99,860 left out: choose a site or clinics in the filters to see the others.');
		const few = smallMultiplesChart([panel(0), panel(1)], { axis: 'go_live', valueName: 'x' });
		expect([few.panels.length, few.limited]).toEqual([2, undefined]);
	});
});

describe('recovery charts on weeks since go-live (issue 17 item 2)', () => {
	it('show the clinics observed under each roll-up and stop the weeks below the share set', async () => {
		const { chartModels, loadSpan } = await import('../../../src/routes/recovery/load-recovery');
		const { goLiveCoverage, observedWindow } = await import('$lib/charts/coverage');
		const span = await loadSpan(engine);
		const coverage = goLiveCoverage(CLINICS, observedWindow(span, goLive), 0.9);
		const q = (s: Parameters<typeof engine.query>[0]) => engine.query(s);
		const tables = {
			productivity: {
				bySite: await q(productivitySeries(goLive, S, 'site')),
				all: await q(productivitySeries(goLive, S, 'all')),
				byWave: await q(productivitySeries(goLive, S, 'wave')),
				byClinic: await q(productivitySeries(goLive, S, 'clinic'))
			},
			billing: {
				all: await q(billingSeries(goLive, S, 'all')),
				baseline: await q(billingBaseline(goLive, S)),
				byWave: await q(billingSeries(goLive, S, 'wave')),
				byClinic: await q(billingSeries(goLive, S, 'clinic')),
				clinicBaselines: await q(billingClinicBaseline(S)),
				unbilledBySite: await q(dnfbSeries(goLive, S, 'site')),
				dnfbBaseline: await q(dnfbBaseline(goLive, S))
			},
			shown: null
		};
		const slow = { productivity: new Set<string>(), billing: new Set<string>() };
		const charts = chartModels(tables, goLive, S, CLINICS, [], slow, coverage);
		for (const model of [charts.productivityBySite, charts.lags, charts.claimFlow, charts.unbilled]) {
			expect(model.table.columns.slice(-2)).toEqual(['clinics observed', 'clinics in scope']);
			const options = model.option as unknown as Options;
			expect(options.grid).toHaveLength(2);
			expect(options.series.at(-1)?.name).toBe('clinics observed (of 4)');
		}
		// C goes live two weeks after the others: the last weeks cover only some of the four clinics, and are not drawn at 90%.
		const rows = charts.productivityBySite.table.rows;
		const observedAt = rows.map((r) => r.at(-2) as number);
		const all = (charts.productivityBySite.option as unknown as Options).series.find((s) => s.name === 'all in scope')!;
		observedAt.forEach((n, i) => {
			if (n < 0.9 * 4) expect(all.data[i]).toBeNull();
		});
		expect(observedAt.some((n) => n < 4)).toBe(true);
		// The calendar axis has no strip.
		const calendar = chartModels(tables, { ...goLive, axis: 'calendar' }, S, CLINICS, [], slow, coverage);
		expect((calendar.lags.option as unknown as { grid: unknown }).grid).not.toBeInstanceOf(Array);
	});
});
