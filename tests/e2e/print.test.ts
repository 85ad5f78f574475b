/**
 * Every page prints whole (issue 18 item 1): Overview, Root causes and Recovery printed with
 * Chromium's page.pdf, read back with pdftotext (poppler-utils), hold every clinic id the page
 * shows on screen, every table's column headings, and a first page saying which data it is.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, sharedPage } from './support/shared-page';

const shared = sharedPage('print', DESKTOP);
const PRINTED = [
	{ route: '/', name: 'overview', title: 'Stabilization overview' },
	{ route: '/attribution', name: 'root-causes', title: 'Root causes' },
	{ route: '/recovery', name: 'recovery', title: 'Recovery and stabilization' }
] as const;

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** What the screen shows: clinic ids in the page's text and on the heatmaps' rows (their data tables), and every column heading (row headings are clinics, checked by id). */
async function onScreen(): Promise<{ clinics: string[]; headings: string[] }> {
	const { page } = shared;
	for (const summary of await page.locator('figure[data-chart] summary').all()) await summary.click();
	// A data table is built from its details' toggle event, a task after the click: wait for the heatmaps' rows.
	await page.waitForFunction(() =>
		[...document.querySelectorAll('figure[data-chart="ticket-rate-heatmap"] details, figure[data-chart="clinic-cause-matrix"] details')].every((d) => d.querySelector('tbody tr'))
	);
	const found = await page.evaluate(() => {
		const main = document.querySelector('main');
		const text = [...(main?.querySelectorAll('table:not(details table), h1, h2, h3, p') ?? [])].map((e) => (e as HTMLElement).innerText).join('\n');
		const heatmapRows = [...document.querySelectorAll('figure[data-chart="ticket-rate-heatmap"] tbody tr, figure[data-chart="clinic-cause-matrix"] tbody tr')].map(
			(tr) => tr.children[0]?.textContent ?? ''
		);
		const headings = [...(main?.querySelectorAll('table:not(details table) thead th') ?? [])].map((th) => (th as HTMLElement).innerText.replace(/[▲▼]/g, '').trim());
		return { text: `${text}\n${heatmapRows.join('\n')}`, headings };
	});
	await page.evaluate(() => document.querySelectorAll('figure[data-chart] details').forEach((d) => ((d as HTMLDetailsElement).open = false)));
	return { clinics: [...new Set(found.text.match(/\bC\d{2,3}\b/g) ?? [])].sort(), headings: [...new Set(found.headings.filter((h) => h !== ''))] };
}

function pdfText(file: string, pages?: { first: number; last: number }): string {
	const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
	return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' });
}

describe('printed reports', () => {
	for (const { route, name, title } of PRINTED) {
		it(`${title} (${route}) prints every clinic shown, every column heading and a first page saying which data it is`, async () => {
			await shared.show(route);
			// Root causes: one drill-down open, printed with its tickets.
			if (route === '/attribution') {
				await shared.page.locator('[data-effect="variance"] tbody tr').first().getByRole('button', { name: 'tickets' }).click();
				await shared.page.locator('[data-drill] tbody tr').first().waitFor({ timeout: 60_000 });
			}
			await shared.page.waitForFunction(() => !/not measured/.test(document.querySelector('[data-report-digest]')?.textContent ?? 'not measured'));
			const shown = await onScreen();
			const digest = (await shared.page.locator('[data-report-digest]').textContent()) ?? '';
			const href = shared.page.url();
			const file = path.join(shared.artifacts, `${name}.pdf`);
			await shared.page.pdf({ path: file, printBackground: true, preferCSSPageSize: true });
			execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(shared.artifacts, name)]);

			const text = flat(pdfText(file));
			expect(shown.clinics.length, 'clinics on screen').toBeGreaterThan(0);
			expect(shown.clinics.filter((id) => !new RegExp(`\\b${id}\\b`).test(text))).toEqual([]);
			expect(shown.headings.filter((h) => !text.includes(flat(h)))).toEqual([]);

			const first = flat(pdfText(file, { first: 1, last: 1 }));
			expect(first).toContain(title);
			expect(first).toMatch(/bundled sample/);
			expect(digest).toMatch(/^[0-9a-f]{16}$/);
			expect(first).toContain(digest);
			expect(first).toMatch(/tickets opened \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
			expect(first).toContain('Filters: all sites · all clinics');
			expect(first.replace(/\s/g, '')).toContain(href);
		});
	}

	it('Recovery prints all its clinics (49 on the sample) with the scorecard headings, not the 14 its scroll box shows', async () => {
		const text = flat(pdfText(path.join(shared.artifacts, 'recovery.pdf')));
		const rows = await shared.page.locator('[data-scorecard] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-clinic') ?? ''));
		expect(rows.length).toBeGreaterThan(40);
		expect(rows.filter((id) => !new RegExp(`\\b${id}\\b`).test(text))).toEqual([]);
		// Headings repeat on each page the scorecard runs onto.
		expect((text.match(/Productivity recovered/g) ?? []).length).toBeGreaterThan(1);
	});
});
