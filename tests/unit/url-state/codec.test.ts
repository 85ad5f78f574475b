import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '$lib/overview/filters';
import { decodeLink, encodeLink, linkPayload } from '$lib/url-state/codec';
import { LINK_VERSION, type LinkState } from '$lib/url-state/schema';
import { BAD_LINKS } from '../../fixtures/bad-links';

const FULL: LinkState = {
	v: 1,
	filters: { sites: ['Riverside Medical Center'], clinics: ['C07', 'C12'], from: '2026-03-02', to: '2026-04-12', axis: 'go_live' },
	drill: { by: 'variance', clinic: 'C07', area: 'orders' },
	data: { digest: '0123456789abcdef', rows: { tickets: 29069, clinics: 49 } }
};

describe('link codec', () => {
	it('round-trips a full view, deflating it because it is long', async () => {
		const payload = await encodeLink(FULL);
		expect(payload.startsWith('1.z')).toBe(true);
		expect(payload).toMatch(/^[0-9]+\.[jz][A-Za-z0-9_-]+$/);
		expect(await decodeLink(payload)).toEqual({ state: FULL, problem: null });
	});

	it('keeps short views as plain base64url JSON', async () => {
		const payload = await encodeLink({ v: 1, filters: { ...DEFAULT_FILTERS, axis: 'go_live' } });
		expect(payload.startsWith('1.j')).toBe(true);
		expect((await decodeLink(payload)).state.filters?.axis).toBe('go_live');
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

	it('says a newer version is newer', async () => {
		expect((await decodeLink('9.jeyJ2Ijo5fQ')).problem).toMatch(/newer Hypercare \(link version 9/);
	});

	it('keeps the valid parts of a tampered view and names the dropped ones', async () => {
		const json = JSON.stringify({ v: 1, filters: FULL.filters, drill: { by: 'variance', clinic: 7 }, extra: true });
		const payload = `1.j${Buffer.from(json).toString('base64url')}`;
		const decoded = await decodeLink(payload);
		expect(decoded.state).toEqual({ v: 1, filters: FULL.filters });
		expect(decoded.problem).toBe(
			'This link was only partly usable: its drill could not be read; it has settings this version does not know (extra). The rest of the view is shown.'
		);
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
		const short = await encodeLink({ v: 1, filters: DEFAULT_FILTERS });
		const mutation = fc.record({
			base: fc.constantFrom(valid, short),
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
				if (decoded.state.filters) expect(Array.isArray(decoded.state.filters.sites)).toBe(true);
			}),
			{ numRuns: 3000 }
		);
	});
});
