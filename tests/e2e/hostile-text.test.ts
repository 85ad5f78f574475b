/**
 * Every text field of every table filled with hostile text, through the real build and
 * browser: nothing executes, everything reads as the same characters, exports neutralise
 * formulas.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIDI_CONTROL, HOSTILE_TEXT } from '../fixtures/hostile-text';
import { openWatchedPage, type WatchedPage } from '../../scripts/harness/browser';
import { buildSite, writeDataFolder } from '../../scripts/harness/build-site';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';

const ARTIFACTS = path.resolve('tests/e2e/.artifacts/hostile');
const H = HOSTILE_TEXT;
const pick = (i: number) => H[i % H.length] ?? '';

function hostileTables() {
	const clinics = H.map((text, i) => [text, `${text} clinic`, `${pick(i + 1)} site`, pick(i + 2), i % 2 ? '2026-03-02' : '2026-03-30', '3']);
	const users = H.map((text, i) => [`${text} user`, H[i] ?? '']);
	const tickets = H.flatMap((text, i) =>
		[0, 1, 2].map((j) => [
			`${text} #${j}`,
			`2026-04-0${j + 1} 09:00:00`,
			j === 2 ? '' : `2026-04-0${j + 2} 09:00:00`,
			'',
			text,
			`${text} user`,
			j === 0 ? 'how_to' : pick(i + j),
			j === 0 ? 'orders' : pick(i + 3),
			'3',
			pick(i + 4),
			pick(i + 5),
			`${pick(i + 6)} ${text}`
		])
	);
	return {
		clinics: [['clinic_id', 'clinic_name', 'site', 'specialty', 'go_live_date', 'providers'], ...clinics],
		training: [['user_id', 'clinic_id', 'role', 'workflow_area', 'completed_on', 'score'], ...users.map(([u, c], i) => [u ?? '', c ?? '', pick(i), 'orders', '', ''])],
		workflow_variance: [['clinic_id', 'workflow_area', 'description', 'status', 'reconciled_on'], ...H.map((text, i) => [text, 'orders', pick(i + 1), 'unreconciled', ''])],
		tickets: [
			['ticket_id', 'opened_at', 'resolved_at', 'updated_at', 'clinic_id', 'reporter_id', 'category', 'workflow_area', 'priority', 'status', 'assignment_group', 'short_description'],
			...tickets
		],
		throughput: [['date', 'clinic_id', 'provider_id', 'scheduled_visits', 'completed_visits'], ...H.map((text) => ['2026-04-01', text, `${text} user`, '10', '9'])],
		billing: [
			['encounter_id', 'clinic_id', 'date_of_service', 'charge_posted_on', 'claim_submitted_on', 'denied'],
			...H.map((text, i) => [`${text} enc`, text, '2026-04-01', '2026-04-02', '', i % 2 ? 'true' : 'false'])
		]
	};
}

let site: SiteUnderTest;
const dialogs: string[] = [];

async function open(route: string, ready: string): Promise<WatchedPage> {
	const w = await openWatchedPage(site.browser);
	w.page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await w.page.goto(`${site.origin}${route}`);
	await w.page.waitForSelector(`[data-chart="${ready}"][data-state="rendered"]`, { timeout: 90_000 });
	return w;
}

async function openEveryDataTable(w: WatchedPage) {
	for (const summary of await w.page.locator('figure details summary').all()) await summary.click();
}

async function assertNothingRan(w: WatchedPage) {
	expect(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
	expect(dialogs).toEqual([]);
	expect(w.errors).toEqual([]);
	expect(await w.page.locator('main script, main img, main svg[onload], main b, main i').count()).toBe(0);
}

beforeAll(async () => {
	rmSync(ARTIFACTS, { recursive: true, force: true });
	writeDataFolder(path.join(ARTIFACTS, 'data'), hostileTables());
	buildSite(path.join(ARTIFACTS, 'data'), path.join(ARTIFACTS, 'site'));
	site = await startSite(path.join(ARTIFACTS, 'site'));
}, 240_000);

afterAll(() => site?.close());

describe('hostile text in every field', () => {
	it('renders the overview with every payload as plain text', async () => {
		const w = await open('/', 'ticket-rate-heatmap');
		await openEveryDataTable(w);
		const text = await w.page.locator('main').innerText();
		for (const payload of H.slice(0, 5)) expect(text).toContain(payload);
		await assertNothingRan(w);
	});

	it('renders the root-cause page and its drill-down with every payload as plain text', async () => {
		const w = await open('/attribution', 'clinic-cause-matrix');
		await w.page
			.locator('[data-effect="variance"] button')
			.first()
			.click()
			.catch(() => undefined);
		await w.page.locator('[data-chart="clinic-cause-matrix"] summary').click();
		await w.page.locator('[data-chart="clinic-cause-matrix"] tbody button').first().click();
		await w.page.waitForSelector('[data-drill] tbody tr', { timeout: 30_000 });
		const drill = await w.page.locator('[data-drill]').innerText();
		expect(H.some((payload) => drill.includes(payload))).toBe(true);
		await assertNothingRan(w);
	});

	it('draws a right-to-left override in a clinic name or a description as plain text: data tables and drill-down', async () => {
		const overview = await open('/', 'ticket-rate-heatmap');
		await openEveryDataTable(overview);
		const tables = await overview.page.locator('figure table').allInnerTexts();
		expect(tables.join('\n')).toContain('eviltxt.exe');
		expect(tables.join('\n')).not.toMatch(BIDI_CONTROL);
		expect(await overview.page.locator('main').innerText()).not.toMatch(BIDI_CONTROL);
		await assertNothingRan(overview);

		const causes = await open('/attribution', 'clinic-cause-matrix');
		await causes.page.locator('[data-chart="clinic-cause-matrix"] summary').click();
		// The row of the clinic named with the override: its drill-down lists that clinic's tickets and descriptions.
		await causes.page.locator('[data-chart="clinic-cause-matrix"] tbody tr', { hasText: 'eviltxt.exe' }).first().getByRole('button').click();
		await causes.page.waitForSelector('[data-drill] tbody tr', { timeout: 30_000 });
		const drill = await causes.page.locator('[data-drill]').innerText();
		expect(drill).toContain('eviltxt.exe');
		expect(drill).not.toMatch(BIDI_CONTROL);
		// Every table, list and note of the page, the filter bar's clinic list and the effect tables included.
		expect(await causes.page.locator('main').innerText()).not.toMatch(BIDI_CONTROL);
		await assertNothingRan(causes);
	});

	it('neutralises formulas in CSV exports', async () => {
		const w = await open('/', 'ticket-rate-heatmap');
		const [download] = await Promise.all([
			w.page.waitForEvent('download'),
			w.page
				.locator('[data-chart="ticket-rate-heatmap"]')
				.getByRole('button', { name: /as CSV/ })
				.click()
		]);
		const csv = readFileSync(await download.path(), 'utf8');
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`);
		expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
		await assertNothingRan(w);
	});
});
