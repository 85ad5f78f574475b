import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { MAX_SQL_LENGTH } from '$lib/console/view';
import { DEFAULT_RECOVERY_SETTINGS } from '$lib/recovery/settings';
import { decodeLink, encodeLink, LinkTooLongError, linkPayload, MAX_PAYLOAD } from '$lib/url-state/codec';
import { LINK_VERSION, LinkStateSchema, type LinkState } from '$lib/url-state/schema';
import { BAD_FIELDS, BAD_LINKS } from '../../fixtures/bad-links';

const FULL: LinkState = {
	v: 2,
	scope: { sites: ['Riverside Medical Center'], clinics: ['C07', 'C12'], from: '2026-03-02', to: '2026-04-12', axis: 'go_live' },
	drill: { by: 'variance', clinic: 'C07', area: 'orders' },
	rules: { ...DEFAULT_RECOVERY_SETTINGS, productivityThreshold: 0.9, stabilizationZ: 3 },
	scorecard: { key: 'productivity', ascending: false },
	console: { sql: "SELECT clinic_id, count(*) AS n\nFROM tickets -- a 'comment' with \u00e9\nGROUP BY ALL", chart: { kind: 'bar', x: 'clinic_id', y: 'n', series: null } },
	data: { digest: '0123456789abcdef', rows: { tickets: 29069, clinics: 49 } }
};

describe('link codec', () => {
	it('round-trips a full view, deflating it because it is long', async () => {
		const payload = await encodeLink(FULL);
		expect(payload.startsWith('2.z')).toBe(true);
		expect(payload).toMatch(/^[0-9]+\.[jz][A-Za-z0-9_-]+$/);
		expect(await decodeLink(payload)).toEqual({ state: FULL, problem: null });
	});

	it('keeps short views as plain base64url JSON', async () => {
		const payload = await encodeLink({ v: 2, scope: { ...DEFAULT_FILTERS, axis: 'go_live' } });
		expect(payload.startsWith('2.j')).toBe(true);
		expect((await decodeLink(payload)).state.scope?.axis).toBe('go_live');
	});

	it('reads the payload from a URL hash among other parameters', () => {
		expect(linkPayload('#view=1.jabc&x=1')).toBe('1.jabc');
		expect(linkPayload('')).toBeNull();
	});

	it.each(BAD_LINKS)('opens the default view with a message for a bad link: $name', async ({ payload }) => {
		const decoded = await decodeLink(payload);
		expect(decoded.state).toEqual({ v: LINK_VERSION });
		expect(decoded.problem).toMatch(/default view is shown/);
	});

	it('deflates long SQL, and refuses to write a view too large for a link', async () => {
		const sql = Array.from({ length: 400 }, (_, i) => `SELECT ${i} AS n, 'clinic ${i % 7}' AS label UNION ALL`).join('\n') + ' SELECT 0, NULL';
		const payload = await encodeLink({ v: 2, console: { sql, chart: null } });
		expect(payload.startsWith('2.z')).toBe(true);
		expect(payload.length).toBeLessThan(sql.length / 4);
		expect((await decodeLink(payload)).state.console?.sql).toBe(sql);
		// SQL the console accepts (under MAX_SQL_LENGTH) that deflates badly.
		const random = Array.from({ length: 15_000 }, (_, i) => ((i * 2654435761) >>> 7).toString(36)).join('');
		expect(random.length).toBeLessThan(MAX_SQL_LENGTH);
		await expect(encodeLink({ v: 2, console: { sql: random, chart: null } })).rejects.toThrow(LinkTooLongError);
		await expect(encodeLink({ v: 2, console: { sql: random, chart: null } })).rejects.toThrow(`at most ${MAX_PAYLOAD.toLocaleString('en-US')}`);
	});

	it('opens version-1 links (made before the recovery and console fields) with their filters as the shared scope', async () => {
		// Made by the previous release: filters and drill only.
		const old = '1.jeyJ2IjoxLCJmaWx0ZXJzIjp7InNpdGVzIjpbXSwiY2xpbmljcyI6WyJDMDciXSwiZnJvbSI6bnVsbCwidG8iOm51bGwsImF4aXMiOiJnb19saXZlIn19';
		expect(await decodeLink(old)).toEqual({ state: { v: 2, scope: { sites: [], clinics: ['C07'], from: null, to: null, axis: 'go_live' } }, problem: null });
	});

	it.each(BAD_FIELDS)('drops only the tampered field and names it: $name', async ({ field, payload }) => {
		const decoded = await decodeLink(payload);
		expect(decoded.state).toEqual({ v: 2, scope: { sites: [], clinics: [], from: null, to: null, axis: 'go_live' } });
		expect(decoded.problem).toBe(`This link was only partly usable: its ${field} could not be read. The rest of the view is shown.`);
	});

	it('says a newer version is newer', async () => {
		expect((await decodeLink('9.jeyJ2Ijo5fQ')).problem).toMatch(/newer Hypercare \(link version 9/);
	});

	it('keeps the valid parts of a tampered view and names the dropped ones', async () => {
		const json = JSON.stringify({ v: 1, filters: FULL.scope, drill: { by: 'variance', clinic: 7 }, extra: true });
		const payload = `1.j${Buffer.from(json).toString('base64url')}`;
		const decoded = await decodeLink(payload);
		expect(decoded.state).toEqual({ v: 2, scope: FULL.scope });
		expect(decoded.problem).toBe('This link was only partly usable: its drill could not be read; it has settings this version does not know (extra). The rest of the view is shown.');
	});
});

describe('link decoder fuzzing', () => {
	it('never throws on random text', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
				const decoded = await decodeLink(text);
				expect(decoded.state.v).toBe(LINK_VERSION);
			}),
			{ numRuns: 2000 }
		);
	});

	it('never throws on mutated valid links, and never returns an invalid state', async () => {
		const valid = await encodeLink(FULL);
		const short = await encodeLink({ v: 2, scope: DEFAULT_FILTERS });
		const sorted = await encodeLink({ v: 2, scorecard: { key: 'open', ascending: false } });
		const withSql = await encodeLink({ v: 2, console: { sql: 'SELECT 1 AS one', chart: null } });
		const mutation = fc.record({
			base: fc.constantFrom(valid, short, sorted, withSql, ...BAD_FIELDS.slice(0, 6).map((f) => f.payload)),
			at: fc.nat(),
			cut: fc.boolean(),
			insert: fc.string({ maxLength: 4 })
		});
		await fc.assert(
			fc.asyncProperty(mutation, async ({ base, at, cut, insert }) => {
				const i = at % (base.length + 1);
				const mutated = cut ? base.slice(0, i) : base.slice(0, i) + insert + base.slice(i + 1);
				const decoded = await decodeLink(mutated);
				expect(decoded.state.v).toBe(LINK_VERSION);
				expect(LinkStateSchema.safeParse(decoded.state).success).toBe(true);
			}),
			{ numRuns: 3000 }
		);
	});

	it('never throws on arbitrary JSON in the link fields, and keeps only what validates', async () => {
		const field = fc.constantFrom('scope', 'drill', 'rules', 'scorecard', 'console', 'data', 'other');
		await fc.assert(
			fc.asyncProperty(fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), fc.boolean(), async (fields, deflate) => {
				const json = JSON.stringify({ v: 2, ...fields });
				const body = deflate ? deflateRawSync(json) : Buffer.from(json);
				const decoded = await decodeLink(`2.${deflate ? 'z' : 'j'}${body.toString('base64url')}`);
				expect(LinkStateSchema.safeParse(decoded.state).success).toBe(true);
				for (const key of Object.keys(decoded.state)) expect(key === 'v' || key in fields).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});
});
