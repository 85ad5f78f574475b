/** Links that pass a loose check but would break a page: real dates, a bounded clinic list, own properties only. */
import { describe, expect, it } from 'vitest';
import { identityDifference } from '$lib/url-state/identity-difference';
import { MAX_FILTER_VALUES } from '$lib/scope/filters';
import { decodeLink } from '$lib/url-state/codec';

const j = (state: unknown) => `2.j${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
const z = async (state: unknown) =>
	`2.z${Buffer.from(await new Response(new Blob([JSON.stringify(state)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()).toString('base64url')}`;
const FILTERS = { sites: ['North'], clinics: ['C07'], from: '2026-03-02', to: '2026-04-12', axis: 'go_live' };

describe('link validation', () => {
	it.each(['2026-13-45', '9999-99-99', '2026-02-30', '2026-00-10'])('drops a from date of %s alone, keeping the rest of the filters, with a notice', async (from) => {
		const decoded = await decodeLink(j({ v: 2, scope: { ...FILTERS, from } }));
		expect(decoded.state.scope).toEqual({ ...FILTERS, from: null });
		expect(decoded.problem).toBe('This link was only partly usable: its scope.from could not be read. The rest of the view is shown.');
	});

	it('keeps a real date, a leap day included', async () => {
		const decoded = await decodeLink(j({ v: 2, scope: { ...FILTERS, from: '2028-02-29' } }));
		expect(decoded).toEqual({ state: { v: 2, scope: { ...FILTERS, from: '2028-02-29' } }, problem: null });
	});

	it('drops a clinic list of 60,000 ids (it overflowed the stack), keeping the dates', async () => {
		const clinics = Array.from({ length: 60_000 }, () => 'C07');
		const link = await z({ v: 2, scope: { ...FILTERS, clinics } });
		expect(link.length).toBeLessThan(2_000);
		const decoded = await decodeLink(link);
		expect(decoded.state.scope).toEqual({ ...FILTERS, clinics: [] });
		expect(decoded.problem).toContain('its scope.clinics could not be read');
		const most = await decodeLink(await z({ v: 2, scope: { ...FILTERS, clinics: Array.from({ length: MAX_FILTER_VALUES }, () => 'C07') } }));
		expect(most.problem).toBeNull();
	});

	it('reads a data section’s `constructor` as a table of its own, never Object’s constructor; leaves `__proto__` out', async () => {
		const linked = await decodeLink(j({ v: 2, data: { digest: '0123456789abcdef', rows: { tickets: 5, constructor: 3 } } }));
		expect(linked.problem).toBeNull();
		const data = linked.state.data;
		if (!data) throw new Error('no data section');
		const words = identityDifference(data, { digest: 'fedcba9876543210', rows: { tickets: 5 } });
		expect(words).toBe('This link was made on different data than is loaded here (constructor: 3 rows there, 0 here). The numbers shown are those of the data loaded here.');
		expect(identityDifference({ digest: '0123456789abcdef', rows: { tickets: 5 } }, { digest: 'fedcba9876543210', rows: { tickets: 5 } })).not.toMatch(/function|native code/);
		const proto = await decodeLink(`2.j${Buffer.from('{"v":2,"data":{"digest":"0123456789abcdef","rows":{"__proto__":1}}}').toString('base64url')}`);
		// zod leaves such a key out of the record it builds.
		expect(Object.keys(proto.state.data?.rows ?? { x: 1 })).toEqual([]);
	});
});
