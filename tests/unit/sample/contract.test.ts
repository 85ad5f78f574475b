import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample } from '../../../scripts/sample/generate';
import type { Manifest } from '../../../scripts/sample/manifest';
import { fileText } from './read-csv';
import { dayNumber, eachBillingRow, loadSample, type Row, type Sample } from './sample-data';

// The contract (docs/data-contract.md) spelled out again here, on purpose: if the
// generator drifts from it, these tests fail instead of agreeing with the generator.
const HEADERS: Record<string, string> = {
	'clinics.csv': 'clinic_id,clinic_name,site,specialty,go_live_date,providers',
	'training.csv': 'user_id,clinic_id,role,workflow_area,completed_on,score',
	'workflow_variance.csv': 'clinic_id,workflow_area,description,status,reconciled_on',
	'tickets.csv': 'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description',
	'throughput.csv.gz': 'date,clinic_id,provider_id,scheduled_visits,completed_visits',
	'billing.csv.gz': 'encounter_id,clinic_id,date_of_service,charge_posted_on,claim_submitted_on,denied'
};
const AREAS = ['scheduling', 'registration', 'intake', 'documentation', 'orders', 'results', 'inbox', 'charge_capture', 'billing'];
const ROLES = ['front_desk', 'medical_assistant', 'nurse', 'physician', 'advanced_practice', 'biller', 'coder', 'manager', 'other'];
const CATEGORIES = ['how_to', 'break_fix', 'access', 'build_request', 'interface', 'hardware', 'data_conversion', 'other'];
const GO_LIVES = ['2026-03-02', '2026-03-30', '2026-04-27'];
const HOLIDAYS = new Set(['2026-01-19', '2026-02-16', '2026-05-25', '2026-07-03']);
const FIRST = dayNumber('2026-01-05');
const LAST = dayNumber('2026-08-16');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const INTEGER = /^-?\d+$/;

/** A real calendar date in canonical form (rejects 2026-02-30). */
function isDate(text: string): boolean {
	return DATE.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}
const isTimestamp = (text: string): boolean => TIMESTAMP.test(text) && isDate(text.slice(0, 10)) && text.slice(11) <= '23:59:59';
const stampSeconds = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
const weekday = (day: number): number => ((day + 3) % 7) + 1;

let dir: string;
let manifest: Manifest;
let sample: Sample;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'hypercare-contract-'));
	manifest = await generateSample({ outDir: dir });
	sample = loadSample(dir);
});
afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Collects rule violations instead of asserting per row: tens of thousands of expect()
 * calls are slow, and the first few offending rows are the useful message.
 */
function violations(): { check: (ok: boolean, row: Row | string[], rule: string) => void; found: string[] } {
	const found: string[] = [];
	return {
		found,
		check(ok, row, rule) {
			if (!ok && found.length < 5) found.push(`${rule}: ${JSON.stringify(row)}`);
		}
	};
}

function unique(rows: readonly Row[], key: (r: Row) => string): boolean {
	return new Set(rows.map(key)).size === rows.length;
}

describe('generated sample follows the data contract', () => {
	it('writes a manifest whose rows, bytes and hashes match the files', async () => {
		expect(manifest).toMatchObject({ generator: 'hypercare-sample', seed: 20260302, billingScale: 1, generatedAt: null });
		expect(manifest.tables.map((t) => t.file)).toEqual(Object.keys(HEADERS));
		expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
		for (const entry of manifest.tables) {
			const bytes = await readFile(join(dir, entry.file));
			expect(bytes.length, entry.file).toBe(entry.bytes);
			expect(createHash('sha256').update(bytes).digest('hex'), entry.file).toBe(entry.sha256);
			const lines = fileText(dir, entry.file).split('\n');
			expect(lines[0], entry.file).toBe(HEADERS[entry.file]);
			// Quoted fields never span lines here, so lines = header + rows + the final empty string.
			expect(lines.length - 2, entry.file).toBe(entry.rows);
		}
	});

	it('has 49 clinics in 3 sites going live in 3 mixed waves', () => {
		const { clinics } = sample;
		expect(clinics.map((c) => c.clinic_id)).toEqual(Array.from({ length: 49 }, (_, i) => `C${String(i + 1).padStart(2, '0')}`));
		expect(new Set(clinics.map((c) => c.site)).size).toBe(3);
		for (const goLive of GO_LIVES) {
			const wave = clinics.filter((c) => c.go_live_date === goLive);
			expect(wave.length).toBeGreaterThanOrEqual(16);
			expect(new Set(wave.map((c) => c.site)).size).toBe(3);
		}
		for (const c of clinics) {
			expect(GO_LIVES).toContain(c.go_live_date);
			expect(c.providers).toMatch(/^[1-9]\d*$/);
			expect(c.clinic_name).not.toBe('');
			expect(c.specialty).toMatch(/^[a-z_]+$/);
		}
	});

	it('has one training row per user and area, with realistic completion', () => {
		const { training } = sample;
		const clinicIds = new Set(sample.clinics.map((c) => c.clinic_id));
		expect(unique(training, (t) => `${t.user_id}|${t.workflow_area}`)).toBe(true);
		const { check, found } = violations();
		for (const t of training) {
			check(/^U\d{4}$/.test(t.user_id ?? ''), t, 'user id');
			check(clinicIds.has(t.clinic_id), t, 'clinic exists');
			check(ROLES.includes(t.role ?? ''), t, 'role');
			check(AREAS.includes(t.workflow_area ?? ''), t, 'area');
			if (t.completed_on === '') check(t.score === '', t, 'no score without completion');
			else check(isDate(t.completed_on ?? '') && INTEGER.test(t.score ?? '') && Number(t.score) >= 60 && Number(t.score) <= 100, t, 'date and score');
		}
		expect(found).toEqual([]);
		const users = new Map(training.map((t) => [t.user_id, t]));
		expect(users.size).toBeGreaterThanOrEqual(1200);
		expect(users.size).toBeLessThanOrEqual(1800);
		expect([...users.values()].filter((u) => u.role === 'physician').length).toBeGreaterThanOrEqual(250);
		const never = training.filter((t) => t.completed_on === '').length / training.length;
		expect(never).toBeGreaterThanOrEqual(0.1);
		expect(never).toBeLessThanOrEqual(0.15);
	});

	it('has a variance register of 2-4 entries per clinic with consistent statuses', () => {
		const perClinic = new Map<string, number>();
		for (const v of sample.variance) {
			perClinic.set(v.clinic_id ?? '', (perClinic.get(v.clinic_id ?? '') ?? 0) + 1);
			expect(AREAS).toContain(v.workflow_area);
			expect(['unreconciled', 'reconciled', 'accepted_exception']).toContain(v.status);
			expect(v.reconciled_on !== '').toBe(v.status === 'reconciled');
			if (v.reconciled_on) expect(isDate(v.reconciled_on)).toBe(true);
		}
		expect([...perClinic.keys()].sort()).toEqual(sample.clinics.map((c) => c.clinic_id));
		for (const n of perClinic.values()) expect(n >= 2 && n <= 4).toBe(true);
		expect(unique(sample.variance, (v) => `${v.clinic_id}|${v.workflow_area}`)).toBe(true);
	});

	it('has well-formed tickets from real users of their clinic', () => {
		const { tickets } = sample;
		const userClinic = new Map(sample.training.map((t) => [t.user_id, t.clinic_id]));
		expect(tickets.length).toBeGreaterThanOrEqual(25_000);
		expect(tickets.length).toBeLessThanOrEqual(40_000);
		expect(unique(tickets, (t) => t.ticket_id ?? '')).toBe(true);
		let open = 0;
		let midPriority = 0;
		const { check, found } = violations();
		for (const t of tickets) {
			const opened = t.opened_at ?? '';
			const day = dayNumber(opened);
			check(isTimestamp(opened) && isTimestamp(t.updated_at ?? ''), t, 'timestamps');
			// Only a small pre-go-live trickle, from two weeks before.
			check(day >= FIRST && day <= LAST && day >= (sample.goLive.get(t.clinic_id ?? '') ?? 0) - 14, t, 'opened in window');
			check(stampSeconds(t.updated_at ?? '') >= stampSeconds(opened), t, 'updated_at >= opened_at');
			if (t.resolved_at === '') {
				open++;
				check(['new', 'in_progress', 'on_hold'].includes(t.status ?? ''), t, 'open status');
			} else {
				const resolved = stampSeconds(t.resolved_at ?? '');
				check(isTimestamp(t.resolved_at ?? '') && resolved >= stampSeconds(opened), t, 'resolved_at >= opened_at');
				check(stampSeconds(t.updated_at ?? '') >= resolved, t, 'updated_at >= resolved_at');
				check(['resolved', 'closed'].includes(t.status ?? ''), t, 'resolved status');
			}
			check(userClinic.get(t.reporter_id) === t.clinic_id, t, 'reporter works in the clinic');
			check(CATEGORIES.includes(t.category ?? ''), t, 'category');
			check(t.workflow_area === '' ? ['access', 'hardware', 'other'].includes(t.category ?? '') : AREAS.includes(t.workflow_area ?? ''), t, 'area');
			check(/^[1-5]$/.test(t.priority ?? ''), t, 'priority');
			check(t.assignment_group !== '' && t.short_description !== '', t, 'group and description');
			if (t.priority === '3' || t.priority === '4') midPriority++;
		}
		expect(found).toEqual([]);
		expect(open / tickets.length).toBeGreaterThanOrEqual(0.02);
		expect(open / tickets.length).toBeLessThanOrEqual(0.05);
		expect(midPriority / tickets.length).toBeGreaterThan(0.6);
		// A few percent say their cause only in words.
		expect(tickets.filter((t) => t.category === 'other').length / tickets.length).toBeGreaterThan(0.02);
	});

	it('has throughput per provider and clinic workday from physicians and APPs', () => {
		const providers = new Map(sample.training.filter((t) => t.role === 'physician' || t.role === 'advanced_practice').map((t) => [t.user_id, t.clinic_id]));
		expect(unique(sample.throughput, (r) => `${r.date}|${r.provider_id}`)).toBe(true);
		const { check, found } = violations();
		for (const r of sample.throughput) {
			const date = r.date ?? '';
			check(isDate(date) && weekday(dayNumber(date)) <= 5 && !HOLIDAYS.has(date), r, 'a clinic workday');
			check(providers.get(r.provider_id) === r.clinic_id, r, 'a provider of the clinic');
			check(INTEGER.test(r.scheduled_visits ?? '') && INTEGER.test(r.completed_visits ?? ''), r, 'integers');
			check(Number(r.completed_visits) <= Number(r.scheduled_visits), r, 'completed <= scheduled');
		}
		expect(found).toEqual([]);
		const days = new Set(sample.throughput.map((r) => dayNumber(r.date ?? '')));
		expect(Math.min(...days)).toBe(FIRST);
		expect(Math.max(...days)).toBe(dayNumber('2026-08-14'));
	});

	it('has one billing row per completed visit with ordered, unique, known values', () => {
		const completed = new Map<string, number>();
		for (const r of sample.throughput) {
			const key = `${r.clinic_id}|${r.date}`;
			completed.set(key, (completed.get(key) ?? 0) + Number(r.completed_visits));
		}
		const encounters = new Map<string, number>();
		const ids = new Set<string>();
		const { check, found } = violations();
		const clinicIds = new Set(sample.clinics.map((c) => c.clinic_id));
		eachBillingRow(dir, (fields) => {
			const [id = '', clinic = '', dos = '', charge = '', claim = '', denied = ''] = fields;
			ids.add(id);
			const key = `${clinic}|${dos}`;
			encounters.set(key, (encounters.get(key) ?? 0) + 1);
			check(fields.length === 6 && /^E\d{7,}$/.test(id) && clinicIds.has(clinic) && isDate(dos), fields, 'id, clinic, date of service');
			check(charge === '' || (isDate(charge) && charge >= dos && dayNumber(charge) <= LAST), fields, 'dos <= charge_posted_on <= end');
			check(claim === '' || (charge !== '' && isDate(claim) && claim >= charge && dayNumber(claim) <= LAST), fields, 'charge_posted_on <= claim_submitted_on <= end');
			check(claim === '' ? denied === '' : denied === 'true' || denied === 'false', fields, 'denied known once billed');
		});
		expect(found).toEqual([]);
		const rows = manifest.tables.find((t) => t.table === 'billing')?.rows;
		expect(ids.size).toBe(rows);
		expect(encounters).toEqual(new Map([...completed].filter(([, n]) => n > 0)));
	});
});
