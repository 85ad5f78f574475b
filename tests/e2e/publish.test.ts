/**
 * `npm run publish-report`: a site published from the real ServiceNow event log (the fixture
 * in tests/fixtures/servicenow-incident-log) opens from a plain static server with its own data, and links into
 * it reopen the same view; a folder with a rejected row is refused unless --allow-rejected.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignRequests, type WatchedPage } from '../../scripts/harness/browser';
import { startSite, type SiteUnderTest } from '../../scripts/harness/site';
import { decodeKept } from '$lib/kept/kept-file';
import { keptResultsFile } from '../../scripts/kept/kept-results-file';
import { chartRows } from './support/chart-rows';
import { publish, SERVICENOW } from './support/publish-report';

const MIB = 2 ** 20;

const filesUnder = (dir: string) =>
	readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((e) => e.isFile())
		.map((e) => path.join(e.parentPath, e.name));

let scratch: string;
beforeAll(() => {
	scratch = mkdtempSync(path.join(tmpdir(), 'hypercare-publish-test-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a report published from the ServiceNow incident log', () => {
	let out: string;
	let published: { status: number | null; output: string };
	let site: SiteUnderTest;
	let sampleKept: Map<string, string>;
	const keptFiles = () => new Map(filesUnder('.svelte-kit/hypercare').map((f) => [f, readFileSync(f).toString('base64')]));

	beforeAll(async () => {
		out = path.join(scratch, 'servicenow-site');
		sampleKept = existsSync('.svelte-kit/hypercare') ? keptFiles() : new Map();
		published = publish('--data', SERVICENOW, '--out', out);
		if (published.status !== 0) throw new Error(`publish-report failed:\n${published.output}`);
		site = await startSite(out);
	}, 300_000);

	afterAll(() => site?.close());

	it('prints per-file and per-table counts that reconcile, and the file it skipped', () => {
		expect(published.output).toContain('README.md: skipped (not an export file by its name)');
		expect(published.output).toContain(
			'incident_event_log.csv.gz → tickets (ServiceNow incidents; CSV, UTF-8, comma-separated, gzip): read 141,712 = accepted 24,918 + rejected 0 + merged 116,794'
		);
		expect(published.output).toContain('table tickets: read 141,712 = accepted 24,918 + rejected 0 + merged 116,794');
	});

	it('ships its own data and kept results, every file under 25 MiB, and leaves the kept results of other data alone', async () => {
		const manifest = JSON.parse(readFileSync(path.join(out, 'data', 'manifest.json'), 'utf8')) as { tables: { table: string; rows: number }[] };
		expect(manifest.tables.map((t) => [t.table, t.rows])).toEqual([['tickets', 24_918]]);
		const kept = await decodeKept(new Uint8Array(readFileSync(path.join(out, 'data', 'kept.bin'))));
		expect(kept.header.dataKey).toBe(readFileSync(path.join(out, 'data', 'manifest.json'), 'utf8'));
		expect(kept.header.tables.map((t) => [t.table, t.rows])).toEqual([['tickets', 24_918]]);
		const largest = Math.max(...filesUnder(out).map((f) => statSync(f).size));
		expect(largest).toBeLessThan(25 * MIB);
		// The published data's own file is rewritten by every publish of it; every other data's is left alone.
		const own = keptResultsFile(path.join(out, 'data'));
		const after = keptFiles();
		for (const [file, bytes] of sampleKept) if (file !== path.relative('.', own) && path.resolve(file) !== own) expect(after.get(file), file).toBe(bytes);
		expect(existsSync(path.resolve('build', 'data', 'manifest.json')) ? readFileSync('build/data/manifest.json', 'utf8') : '').not.toContain('publish-report');
	});

	async function openOverview(route: string): Promise<WatchedPage> {
		const w = await site.open(route, '[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		// Drawn from the report's kept results, DuckDB not started.
		expect(await w.page.getAttribute('[data-dataset-phase]', 'data-kept')).toBe('true');
		await w.page.waitForSelector('.results[data-busy="false"]');
		return w;
	}

	const tickets = async (w: WatchedPage) => Number(await w.page.getAttribute('[data-total="tickets"]', 'data-value'));

	it('opens from a plain static server with 24,918 tickets by location and week; a filtered link reopens the same view in a fresh context', async () => {
		const a = await openOverview('/');
		expect(await tickets(a)).toBe(24_918);
		// Real data never reads as the simulated sample: the page names the export it was published from.
		const source = await a.page.locator('p.source').innerText();
		expect(source).toMatch(/^Showing a report published on \d{1,2} [A-Z][a-z]{2} \d{4} from one export file: incident_event_log\.csv\.gz \(tickets\)\./);
		expect(source).not.toContain('sample');
		// The heatmap draws the 60 busiest of the 224 locations, and says so.
		const locations = new Set((await chartRows(a.page, 'ticket-rate-heatmap')).map((r) => r[0]));
		expect(locations.size).toBe(60);
		expect(await a.page.locator('[data-chart="ticket-rate-heatmap"] [data-chart-limited]').innerText()).toContain('Showing the busiest 60 of 224 clinics; 164 left out');
		const weeks = await chartRows(a.page, 'tickets-by-week');
		expect(weeks.reduce((s, r) => s + Number(r.at(-1)), 0)).toBe(24_918);

		await a.page.locator('select[name="clinics"]').selectOption(['Location 143', 'Location 204']);
		await a.page.waitForFunction(() => Number(document.querySelector('[data-total="tickets"]')?.getAttribute('data-value')) < 24_918, undefined, { timeout: 60_000 });
		await a.page.waitForSelector('[data-chart="ticket-rate-heatmap"][data-state="rendered"]');
		await a.page.waitForFunction(() => location.hash.startsWith('#view=2.'));
		const expected = { tickets: await tickets(a), heatmap: await chartRows(a.page, 'ticket-rate-heatmap'), weeks: await chartRows(a.page, 'tickets-by-week') };
		expect(new Set(expected.heatmap.map((r) => r[0]))).toEqual(new Set(['Location 143', 'Location 204']));

		const b = await openOverview(a.page.url());
		await b.page.waitForFunction((n) => Number(document.querySelector('[data-total="tickets"]')?.getAttribute('data-value')) === n, expected.tickets, { timeout: 60_000 });
		expect({ tickets: await tickets(b), heatmap: await chartRows(b.page, 'ticket-rate-heatmap'), weeks: await chartRows(b.page, 'tickets-by-week') }).toEqual(expected);
		expect(await b.page.locator('[data-link-problem], [data-link-mismatch]').count()).toBe(0);
		for (const w of [a, b]) {
			expect(w.errors).toEqual([]);
			expect(foreignRequests(w.requests, site.origin)).toEqual([]);
			await w.context.close();
		}
	});

	it('says on the Recovery page which exports its measures need', async () => {
		const w = await site.open('/recovery');
		const missing = w.page.locator('[data-missing-data] li');
		await missing.first().waitFor({ timeout: 90_000 });
		expect(await missing.allTextContents()).toEqual([
			'No clinic list is loaded: without go-live dates the scorecard and every measure since go-live stay empty.',
			'No visit throughput is loaded: productivity cannot be measured.',
			'No billing export is loaded: billing lag, late claims, denials and unbilled encounters cannot be measured.'
		]);
		expect(w.errors).toEqual([]);
		await w.context.close();
	});
});

describe('publish-report on a folder with a rejected row', () => {
	const TICKETS = [
		'ticket_id,opened_at,resolved_at,updated_at,clinic_id,reporter_id,category,workflow_area,priority,status,assignment_group,short_description,source_system',
		'T1,2026-03-02 09:00:00,,2026-03-02 09:00:00,C1,U1,how_to,orders,3,open,Service Desk,Where is the order?,SN',
		'T2,2026-02-30 10:00:00,,2026-03-03 10:00:00,C1,U2,how_to,orders,3,open,Service Desk,An impossible date,SN',
		'T3,2026-03-04 11:00:00,2026-03-04 12:00:00,2026-03-04 12:00:00,C2,U3,access,,2,resolved,Security,Cannot log in,SN'
	];
	let data: string;
	beforeAll(() => {
		data = path.join(scratch, 'exports-with-a-reject');
		mkdirSync(data);
		writeFileSync(path.join(data, 'tickets.csv'), `${TICKETS.join('\n')}\n`);
	});

	it('fails, naming the file, row, column and value, and publishes nothing', () => {
		const out = path.join(scratch, 'refused-site');
		const result = publish('--data', data, '--out', out);
		expect(result.status).toBe(1);
		expect(result.output).toContain('tickets.csv → tickets (Hypercare tickets columns; CSV, UTF-8, comma-separated): read 3 = accepted 2 + rejected 1 + merged 0');
		expect(result.output).toContain('1 row(s) were rejected, so nothing was published.');
		expect(result.output).toMatch(/tickets\.csv, row 3, column opened_at: "2026-02-30 10:00:00" is not /);
		expect(existsSync(out)).toBe(false);
	});

	it('publishes the accepted rows with --allow-rejected', () => {
		const out = path.join(scratch, 'allowed-site');
		const result = publish('--data', data, '--out', out, '--allow-rejected');
		expect(result.status, result.output).toBe(0);
		expect(result.output).toContain('Publishing without 1 rejected row(s) (--allow-rejected)');
		const manifest = JSON.parse(readFileSync(path.join(out, 'data', 'manifest.json'), 'utf8')) as { tables: { table: string; rows: number }[] };
		expect(manifest.tables.map((t) => [t.table, t.rows])).toEqual([['tickets', 2]]);
		expect(existsSync(path.join(out, 'index.html'))).toBe(true);
	}, 300_000);

	it('refuses to write into the repository’s own build folder', () => {
		const result = publish('--data', data, '--out', 'build');
		expect(result.status).toBe(2);
		expect(result.output).toMatch(/--out .*build: not inside the repository's build\/ or data\//);
	});
});
