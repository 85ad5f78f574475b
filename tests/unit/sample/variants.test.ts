import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSample, generateSample } from '../../../scripts/sample/generate';
import { isUpToDate } from '../../../scripts/sample/manifest';
import { MIX_NAMES, variantOf, type MixName } from '../../../scripts/sample/mixes';
import { readTable } from './read-csv';

const run = promisify(execFile);

interface Planted {
	ticketCounts: Record<string, number>;
	workflowVariance: { clinicId: string; area: string; status: string }[];
	buildDefects: { id: string; clinicIds: string[]; start: string; end: string; singleWave?: number }[];
	waves: { wave: number; clinicIds: string[] }[];
	variant?: { clinics: number; mix: { name: string } };
	silentVariance?: { clinicId: string; area: string; description: string }[];
	stressClinics?: { small: string[]; poorlyTrained: string[]; fullyTrained: string[] };
}

interface Generated {
	planted: Planted;
	/** Share of tickets per planted cause, from truth/ticket_causes.csv. */
	shares: Record<string, number>;
	/** Share of training rows never completed. */
	neverTrained: number;
	dir: string;
}

let root: string;
const runs = new Map<MixName, Generated>();

async function generated(dir: string): Promise<Generated> {
	const planted = JSON.parse(await readFile(join(dir, 'truth', 'planted.json'), 'utf8')) as Planted;
	const causes = readTable(join(dir, 'truth'), 'ticket_causes.csv').rows;
	const shares: Record<string, number> = {};
	for (const c of causes) shares[c.planted_cause ?? ''] = (shares[c.planted_cause ?? ''] ?? 0) + 1 / causes.length;
	const training = readTable(dir, 'training.csv').rows;
	const neverTrained = training.filter((t) => t.completed_on === '').length / training.length;
	return { planted, shares, neverTrained, dir };
}

const get = (mix: MixName): Generated => {
	const g = runs.get(mix);
	if (g === undefined) throw new Error(`no run for ${mix}`);
	return g;
};
const unreconciled = (g: Generated): number => g.planted.workflowVariance.filter((v) => v.status === 'unreconciled').length;

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'hypercare-variants-'));
	// Visit volume is irrelevant to ticket causes; a small billing scale keeps this quick.
	for (const mix of MIX_NAMES) {
		const dir = join(root, mix);
		await generateSample({ outDir: dir, mix, billingScale: 0.05 });
		runs.set(mix, await generated(dir));
	}
}, 300_000);
afterAll(async () => {
	if (root) await rm(root, { recursive: true, force: true });
});

describe('cause mixes change the planted truth in the intended direction', () => {
	it('default records no variant, the others record theirs', () => {
		expect(get('default').planted.variant).toBeUndefined();
		expect(get('quiet').planted.variant).toMatchObject({ clinics: 49, mix: { name: 'quiet' } });
	});

	it('training-heavy: ~30% of training never completed and a larger share of missed_training', () => {
		const [base, heavy] = [get('default'), get('training-heavy')];
		expect(heavy.neverTrained).toBeGreaterThan(0.25);
		expect(heavy.neverTrained).toBeLessThan(0.35);
		expect(heavy.shares.missed_training ?? 0).toBeGreaterThan(1.5 * (base.shares.missed_training ?? 0));
	});

	it('variance-heavy: more unreconciled variances and a larger share of workflow_variance', () => {
		const [base, heavy] = [get('default'), get('variance-heavy')];
		expect(unreconciled(heavy)).toBeGreaterThan(1.5 * unreconciled(base));
		expect(heavy.shares.workflow_variance ?? 0).toBeGreaterThan(1.3 * (base.shares.workflow_variance ?? 0));
	});

	it('defect-heavy: three build-defect incidents, the first two as in the default', () => {
		const [base, heavy] = [get('default'), get('defect-heavy')];
		expect(base.planted.buildDefects.map((d) => d.id)).toEqual(['BD-1', 'BD-2']);
		expect(heavy.planted.buildDefects.map((d) => d.id)).toEqual(['BD-1', 'BD-2', 'BD-3']);
		expect(heavy.planted.buildDefects.slice(0, 2)).toEqual(base.planted.buildDefects);
		expect(heavy.shares.build_defect ?? 0).toBeGreaterThan(base.shares.build_defect ?? 0);
	});

	it('quiet: most tickets are background, every other planted mechanism is rarer', () => {
		const [base, quiet] = [get('default'), get('quiet')];
		expect(quiet.shares.unattributed ?? 0).toBeGreaterThan(0.5);
		for (const cause of ['missed_training', 'build_defect', 'data_conversion', 'access_provisioning', 'technical']) {
			expect(quiet.planted.ticketCounts[cause] ?? 0, cause).toBeLessThan(0.75 * (base.planted.ticketCounts[cause] ?? 0));
		}
		expect(unreconciled(quiet)).toBeLessThan(unreconciled(base));
	});
});

describe('stress and no-defect mixes (issue 21)', () => {
	it('plant single-wave defects of 1-2 extra tickets per clinic per week in one wave’s clinics', () => {
		const { planted, dir } = get('stress');
		const single = planted.buildDefects.filter((d) => d.singleWave !== undefined);
		expect(single).toHaveLength(2);
		const causes = readTable(join(dir, 'truth'), 'ticket_causes.csv').rows;
		for (const d of single) {
			expect(d.clinicIds).toEqual(planted.waves.find((w) => w.wave === d.singleWave)?.clinicIds);
			const tickets = causes.filter((c) => c.detail?.startsWith(`${d.id} `)).length;
			const weeks = Math.round((Date.parse(d.end) - Date.parse(d.start)) / (7 * 86_400_000)) + 1;
			const perClinicWeek = tickets / d.clinicIds.length / weeks;
			expect(perClinicWeek, d.id).toBeGreaterThan(0.7);
			expect(perClinicWeek, d.id).toBeLessThan(2.5);
		}
	});

	it('register silent variances that raise no tickets, in poorly trained clinics and elsewhere', () => {
		const { planted, dir } = get('stress');
		const silent = planted.silentVariance ?? [];
		expect(silent.length).toBeGreaterThanOrEqual(12);
		const poor = new Set(planted.stressClinics?.poorlyTrained);
		expect(silent.filter((v) => poor.has(v.clinicId)).length).toBeGreaterThanOrEqual(6);
		const register = readTable(dir, 'workflow_variance.csv').rows;
		const raising = new Set(planted.workflowVariance.map((v) => `${v.clinicId}|${v.area}`));
		const causes = readTable(join(dir, 'truth'), 'ticket_causes.csv').rows;
		for (const v of silent) {
			expect(register.some((r) => r.clinic_id === v.clinicId && r.workflow_area === v.area && r.status === 'unreconciled')).toBe(true);
			expect(raising.has(`${v.clinicId}|${v.area}`)).toBe(false);
		}
		expect(causes.some((c) => c.detail?.includes(silent[0]?.description ?? '?'))).toBe(false);
	});

	it('have poorly trained, fully trained (but struggling) and small clinics', () => {
		const { planted, dir } = get('stress');
		const cast = planted.stressClinics;
		const training = readTable(dir, 'training.csv').rows;
		const never = (ids: readonly string[]) => {
			const rows = training.filter((t) => ids.includes(t.clinic_id ?? ''));
			return rows.filter((t) => t.completed_on === '').length / rows.length;
		};
		expect(never(cast?.poorlyTrained ?? [])).toBeGreaterThan(0.3);
		expect(never(cast?.fullyTrained ?? [])).toBe(0);
		for (const id of cast?.fullyTrained ?? [])
			expect(
				planted.workflowVariance.some((v) => v.clinicId === id && v.status === 'unreconciled'),
				id
			).toBe(true);
		for (const id of cast?.small ?? []) {
			const users = new Set(training.filter((t) => t.clinic_id === id).map((t) => t.user_id)).size;
			expect(users, id).toBeGreaterThanOrEqual(10);
			expect(users, id).toBeLessThanOrEqual(20);
		}
	});

	it('no-defect plants no build defect at all', () => {
		const g = get('no-defect');
		expect(g.planted.buildDefects).toEqual([]);
		expect(g.planted.ticketCounts.build_defect).toBe(0);
	});
});

describe('--clinics and --mix', () => {
	let dir: string;
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'hypercare-clinics-'));
	});
	afterAll(async () => {
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('--clinics 20 writes 20 clinics over the three sites and waves, and the manifest records it', async () => {
		const repo = join(import.meta.dirname, '..', '..', '..');
		const tsx = join(repo, 'node_modules', '.bin', 'tsx');
		await run(tsx, [join(repo, 'scripts', 'generate-sample.ts'), '--out', dir, '--clinics', '20', '--billing-scale', '0.05']);
		const clinics = readTable(dir, 'clinics.csv').rows;
		expect(clinics).toHaveLength(20);
		expect(new Set(clinics.map((c) => c.site)).size).toBe(3);
		expect(new Set(clinics.map((c) => c.go_live_date)).size).toBe(3);
		const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
		expect(manifest).toMatchObject({ clinics: 20, mix: 'default' });
		const tickets = readTable(dir, 'tickets.csv').rows;
		expect(new Set(tickets.map((t) => t.clinic_id)).size).toBe(20);
	});

	it('--if-missing regenerates when the clinics or the mix differ', async () => {
		expect(await isUpToDate(dir, 20260302, 0.05, variantOf(20))).not.toBeNull();
		expect(await isUpToDate(dir, 20260302, 0.05)).toBeNull();
		expect(await isUpToDate(dir, 20260302, 0.05, variantOf(20, 'quiet'))).toBeNull();
		const again = await ensureSample({ outDir: dir, clinics: 20, billingScale: 0.05, ifMissing: true });
		expect(again.skipped).toBe(true);
	});

	it('rejects an unknown mix and an out-of-range clinic count', () => {
		expect(() => variantOf(49, 'loud')).toThrow(/unknown mix/);
		expect(() => variantOf(5)).toThrow(/clinics must be/);
		expect(() => variantOf(20.5)).toThrow(/clinics must be/);
	});
});
