/**
 * kept.bin is preloaded by the pages that read it, and only by them: the inline script goes into
 * the HTML of the routes whose default view opens from the kept results, is allowed by its hash
 * in the site's CSP, and the Import and SQL console pages get no slot left behind.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../svelte.config.js';
import { KEPT_ROUTES, withKeptPreload } from '../../../src/hooks.server';

const SCRIPT = readFileSync('src/kept-preload.js', 'utf8');
const slot = (href: string) => `<head><script data-kept-preload="${href}"></script><meta http-equiv="content-security-policy"></head>`;

/** Every route with a page, and whether its page asks the data set for kept results. */
function routesReadingKept(dir = 'src/routes', id = '/'): Map<string, boolean> {
	const found = new Map<string, boolean>();
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) for (const [route, reads] of routesReadingKept(path.join(dir, entry.name), `${id === '/' ? '' : id}/${entry.name}`)) found.set(route, reads);
		else if (entry.name === '+page.svelte') found.set(id, /\.\s*(pageEngine|keptResults)\(/.test(readFileSync(path.join(dir, entry.name), 'utf8')));
	}
	return found;
}

describe('the kept.bin preload', () => {
	it('is listed for exactly the routes whose pages read kept results', () => {
		const routes = routesReadingKept();
		expect(routes.get('/console')).toBe(false);
		expect(routes.get('/import')).toBe(false);
		expect(new Set([...routes].filter(([, reads]) => reads).map(([route]) => route))).toEqual(KEPT_ROUTES);
	});

	it('fills the slot with the script on those routes, keeping kept.bin’s relative address', () => {
		for (const route of KEPT_ROUTES)
			expect(withKeptPreload(slot('./data/kept.bin'), route)).toBe(`<head><script data-kept-preload="./data/kept.bin">${SCRIPT}</script><meta http-equiv="content-security-policy"></head>`);
	});

	it('removes the slot on the other routes, and on a page with no route (an error page)', () => {
		for (const route of ['/import', '/console', null]) expect(withKeptPreload(slot('./data/kept.bin'), route)).toBe('<head><meta http-equiv="content-security-policy"></head>');
	});

	it('is allowed by its hash in the site’s CSP, and no other inline script is', () => {
		const hash = `sha256-${createHash('sha256').update(SCRIPT).digest('base64')}`;
		const scriptSrc = config.kit?.csp?.directives?.['script-src'] ?? [];
		expect(scriptSrc).toContain(hash);
		expect(scriptSrc).not.toContain('unsafe-inline');
	});
});
