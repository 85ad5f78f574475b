import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../../scripts/sample/generate';
import { readTable } from './read-csv';
import { clinicsWithUnreconciled, dayNumber, loadSample, median, mondayOf, type Row, type Sample } from './sample-data';
import { conversionEarlyShare, missedTrainingRatio, simultaneousSpikes, ticketsPerWeek, varianceEffects } from './ticket-measures';
import { billingLagRatios, productivityRatios } from './visit-measures';

interface Planted {
	buildDefects: { id: string; area: string; start: string; clinicIds: string[] }[];
	slowProductivity: { clinicId: string }[];
	slowBilling: { clinicId: string }[];
	ticketCounts: Record<string, number>;
}

let dir: string;
let sample: Sample;
let planted: Planted;
let causes: Row[];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'hypercare-planted-'));
	await generateSample({ outDir: dir });
	sample = loadSample(dir);
	planted = JSON.parse(await readFile(join(dir, 'truth', 'planted.json'), 'utf8')) as Planted;
	causes = readTable(join(dir, 'truth'), 'ticket_causes.csv').rows;
});
afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** A wave is identified by its go-live day. */
const waveOf = (clinic: string): number => sample.goLive.get(clinic) ?? 0;

// Every effect is measured from the six tables alone, as the app would; the truth folder
// is only consulted afterwards, to check that what was found is what was planted.
describe('planted effects are measurable from the data', () => {
	it('untrained users ask how-to questions 2-6x as often as trained ones', () => {
		const { ratio } = missedTrainingRatio(sample);
		expect(ratio).toBeGreaterThanOrEqual(2);
		expect(ratio).toBeLessThanOrEqual(6);
	});

	it('unreconciled variances raise tickets well above peers on the same go-live weeks', () => {
		const effects = varianceEffects(sample);
		expect(effects.length).toBeGreaterThanOrEqual(20);
		const pooled = effects.reduce((n, e) => n + e.actual, 0) / effects.reduce((n, e) => n + e.expected, 0);
		expect(pooled).toBeGreaterThanOrEqual(1.8);
		expect(median(effects.map((e) => e.ratio))).toBeGreaterThanOrEqual(1.8);
		// Small areas (two billers) are noisy, but none should look like its peers.
		for (const e of effects) expect(e.ratio, `${e.clinic} ${e.area}`).toBeGreaterThan(1.2);
	});

	it('build defects show as one area spiking in 10+ clinics of several waves and sites in one week', () => {
		const clinicSite = new Map(sample.clinics.map((c) => [c.clinic_id ?? '', c.site ?? '']));
		const incidents = simultaneousSpikes(sample).filter(
			(s) => s.clinics.length >= 10 && new Set(s.clinics.map(waveOf)).size >= 2 && new Set(s.clinics.map((c) => clinicSite.get(c))).size >= 2
		);
		const found = incidents.map((s) => `${s.area}@${s.monday}`).sort();
		const expected = planted.buildDefects.map((d) => `${d.area}@${mondayOf(dayNumber(d.start))}`).sort();
		expect(found).toEqual(expected);
		expect(expected.length).toBeGreaterThanOrEqual(1);
	});

	it('data conversion tickets cluster in go-live weeks 0-3', () => {
		expect(conversionEarlyShare(sample)).toBeGreaterThanOrEqual(0.7);
	});

	it('tickets per calendar week peak in a go-live week', () => {
		const weeks = [...ticketsPerWeek(sample)].sort((a, b) => b[1] - a[1]);
		const goLives = new Set(sample.goLive.values());
		expect(goLives.has(weeks[0]?.[0] ?? -1)).toBe(true);
	});

	it('clinics with an unreconciled intake or documentation variance recover visits slowly', () => {
		const slow = clinicsWithUnreconciled(sample, ['intake', 'documentation']);
		expect(slow.size).toBeGreaterThanOrEqual(4);
		expect(new Set([...slow].map(waveOf)).size).toBe(3);
		expect([...slow].sort()).toEqual(planted.slowProductivity.map((s) => s.clinicId).sort());
		for (const r of productivityRatios(sample)) {
			if (slow.has(r.clinic)) expect(r.ratio, r.clinic).toBeLessThan(0.9);
			else expect(r.ratio, r.clinic).toBeGreaterThan(0.93);
		}
	});

	it('clinics with an unreconciled charge capture or billing variance keep billing late', () => {
		const slow = clinicsWithUnreconciled(sample, ['charge_capture', 'billing']);
		expect(slow.size).toBeGreaterThanOrEqual(4);
		expect(new Set([...slow].map(waveOf)).size).toBe(3);
		expect([...slow].sort()).toEqual(planted.slowBilling.map((s) => s.clinicId).sort());
		for (const r of billingLagRatios(sample)) {
			// Baseline: charge the next day, claim out within about a working week.
			expect(r.baseline, r.clinic).toBeGreaterThanOrEqual(4);
			expect(r.baseline, r.clinic).toBeLessThanOrEqual(6);
			if (slow.has(r.clinic)) expect(r.ratio, r.clinic).toBeGreaterThanOrEqual(2);
			else expect(r.ratio, r.clinic).toBeLessThanOrEqual(1.3);
		}
	});
});

describe('the truth folder matches the data', () => {
	it('names one planted cause for every ticket, every mechanism in use', () => {
		expect(causes.map((c) => c.ticket_id)).toEqual(sample.tickets.map((t) => t.ticket_id));
		const counts = new Map<string, number>();
		for (const c of causes) counts.set(c.planted_cause ?? '', (counts.get(c.planted_cause ?? '') ?? 0) + 1);
		expect([...counts.keys()].sort()).toEqual(['access_provisioning', 'build_defect', 'data_conversion', 'missed_training', 'technical', 'unattributed', 'workflow_variance'].sort());
		expect(Object.fromEntries(counts)).toEqual(planted.ticketCounts);
	});

	it('plants each cause where the data says it should be', () => {
		const trainedFrom = new Map(sample.training.map((t) => [`${t.user_id}|${t.workflow_area}`, t.completed_on ? dayNumber(t.completed_on) : Infinity]));
		const variances = new Map(sample.variance.map((v) => [`${v.clinic_id}|${v.workflow_area}`, v]));
		const bad: string[] = [];
		sample.tickets.forEach((t, i) => {
			const cause = causes[i]?.planted_cause;
			const day = dayNumber(t.opened_at ?? '');
			const key = `${t.clinic_id}|${t.workflow_area}`;
			const v = variances.get(key);
			const ok =
				cause === 'missed_training'
					? (trainedFrom.get(`${t.reporter_id}|${t.workflow_area}`) ?? 0) > day
					: cause === 'workflow_variance'
						? v !== undefined && (v.status === 'unreconciled' || (v.status === 'reconciled' && dayNumber(v.reconciled_on ?? '') > day))
						: cause === 'data_conversion'
							? t.category === 'data_conversion' || t.category === 'other'
							: cause === 'access_provisioning'
								? t.category === 'access' || t.category === 'other'
								: cause === 'technical'
									? ['interface', 'hardware', 'other'].includes(t.category ?? '')
									: true;
			if (!ok && bad.length < 5) bad.push(`${cause}: ${JSON.stringify(t)}`);
		});
		expect(bad).toEqual([]);
	});
});
