/** What the bundled data is called on every page and in print: the sample, or a published report. */
import { describe, expect, it } from 'vitest';
import { aboutBundled } from '$lib/data/bundled-about';
import { ManifestSchema } from '$lib/data/manifest';

const tables = [{ table: 'tickets', file: 'tickets.csv.gz', rows: 3, bytes: 10 }];

describe('aboutBundled', () => {
	it('names the sample only when the manifest has no publication', () => {
		expect(aboutBundled(ManifestSchema.parse({ generator: 'hypercare-sample', tables }))).toBe('the bundled sample (a simulated go-live)');
		expect(aboutBundled(null)).toBeNull();
	});

	it('names the date and the export files a report was published from', () => {
		const manifest = ManifestSchema.parse({
			generator: 'hypercare publish-report',
			published: {
				at: '2026-12-06T11:58:00.000Z',
				files: [
					{ file: 'incident <b>log</b>.csv', table: 'tickets' },
					{ file: 'billing.csv', table: 'billing' }
				]
			},
			tables
		});
		expect(aboutBundled(manifest)).toBe('a report published on 6 Dec 2026 from 2 export files: incident <b>log</b>.csv (tickets); billing.csv (billing)');
	});

	it('refuses a publication with a table outside the contract or a date that is not one', () => {
		expect(ManifestSchema.safeParse({ published: { at: '2026-12-06T00:00:00Z', files: [{ file: 'x.csv', table: 'nope' }] }, tables }).success).toBe(false);
		expect(ManifestSchema.safeParse({ published: { at: 'yesterday', files: [] }, tables }).success).toBe(false);
	});
});
