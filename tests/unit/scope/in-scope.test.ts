import { describe, expect, it } from 'vitest';
import { choiceInScope, goLiveKeys, NO_SITE, type ClinicChoice } from '$lib/scope/choices';
import { clinicInScope, type ClinicScope, type ScopedClinic } from '$lib/scope/in-scope';
import { scopeWhere } from '$lib/sql/scope-where';
import { sql } from '$lib/sql/fragment';
import { startNodeEngine } from '$lib/engine/node';
import { strings } from '$lib/results/columns';

const CLINICS: ScopedClinic[] = [
	{ clinic_id: 'A', site: 'S1' },
	{ clinic_id: 'B', site: 'S1' },
	{ clinic_id: 'C', site: 'S2' },
	{ clinic_id: 'D', site: null }
];

const SCOPES: ClinicScope[] = [
	{ sites: [], clinics: [] },
	{ sites: ['S1'], clinics: [] },
	{ sites: [], clinics: ['C', 'D'] },
	{ sites: ['S1'], clinics: ['B', 'C'] },
	{ sites: ['S9'], clinics: [] }
];

describe('clinics in scope: one definition, in JS and in SQL', () => {
	it('SQL keeps exactly the clinics the JS test keeps', async () => {
		const engine = await startNodeEngine();
		await engine.query(`CREATE TABLE c AS SELECT * FROM (VALUES ('A', 'S1'), ('B', 'S1'), ('C', 'S2'), ('D', NULL)) t(clinic_id, site)`);
		for (const scope of SCOPES) {
			const inSql = strings(await engine.query(sql`SELECT clinic_id FROM c WHERE ${scopeWhere(scope)} ORDER BY clinic_id`), 'clinic_id');
			const inJs = CLINICS.filter((c) => clinicInScope(scope, c)).map((c) => c.clinic_id);
			expect(inSql, JSON.stringify(scope)).toEqual(inJs);
		}
		await engine.close();
	});

	it('a chosen site and clinic must both hold; a clinic without a site is in no chosen site', () => {
		expect(CLINICS.filter((c) => clinicInScope({ sites: ['S1'], clinics: ['B', 'C'] }, c)).map((c) => c.clinic_id)).toEqual(['B']);
		expect(clinicInScope({ sites: [NO_SITE], clinics: [] }, { clinic_id: 'D', site: null })).toBe(false);
	});

	it('the filter bar and the go-live marks use it', () => {
		const choices: ClinicChoice[] = [
			{ id: 'A', name: 'A', site: 'S1', goLive: '2026-03-04' },
			{ id: 'D', name: 'D', site: NO_SITE, goLive: '' }
		];
		expect(choices.filter((c) => choiceInScope({ sites: [NO_SITE], clinics: [] }, c))).toEqual([]);
		expect(goLiveKeys(choices, { sites: ['S1'], clinics: [] })).toEqual([Math.floor(Date.parse('2026-03-02T00:00:00Z') / 86_400_000)]);
	});

	it('columns can be renamed', () => {
		expect(scopeWhere({ sites: ['S1'], clinics: ['A'] }, { site: sql`c.site` }).text).toBe('c.site IN (?) AND clinic_id IN (?)');
		expect(scopeWhere({ sites: [], clinics: [] }).text).toBe('TRUE');
	});
});
