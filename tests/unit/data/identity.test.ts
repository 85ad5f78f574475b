import { describe, expect, it } from 'vitest';
import { dataIdentity } from '$lib/data/identity';
import { identityDifference } from '$lib/url-state/identity-difference';
import { csvFile, engineWith } from '../helpers/fixture';
import { SMALL_GO_LIVE } from '../helpers/small-go-live';

describe('data identity', () => {
	it('is the same for the same rows in any order, and differs when a row differs', async () => {
		const a = await engineWith(SMALL_GO_LIVE);
		const reordered = SMALL_GO_LIVE.map((f) => {
			if (f.table !== 'tickets') return f;
			const [header, ...lines] = new TextDecoder().decode(f.bytes).trim().split('\n');
			return csvFile('tickets', [header ?? '', ...lines.reverse()]);
		});
		const b = await engineWith(reordered);
		const changed = await engineWith(SMALL_GO_LIVE.map((f) => (f.table === 'clinics' ? csvFile('clinics', ['clinic_id,go_live_date', 'A,2026-03-02', 'B,2026-03-04', 'D,2026-03-16']) : f)));
		const [ia, ib, ic] = await Promise.all([dataIdentity(a), dataIdentity(b), dataIdentity(changed)]);
		expect(ia.digest).toMatch(/^[0-9a-f]{16}$/);
		expect(ia).toEqual(ib);
		expect(ic.digest).not.toBe(ia.digest);
		expect(ic.rows).toEqual(ia.rows);
		expect(identityDifference(ia, ib)).toBeNull();
		expect(identityDifference(ia, ic)).toMatch(/same row counts, different rows/);
		expect(identityDifference({ ...ia, digest: '0000000000000000', rows: { ...ia.rows, tickets: 8 } }, ia)).toContain('tickets: 8 rows there, 7 here');
		await Promise.all([a.close(), b.close(), changed.close()]);
	});
});
