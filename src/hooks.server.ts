/**
 * Runs when the pages are prerendered (the site is static: no server runs after the build). The
 * pages that read the bundled data's kept results get the inline script that preloads kept.bin and
 * its manifest (src/kept-preload.js); the others (Import, SQL console) do not fetch files they never
 * read. Every page gets the modulepreload links SvelteKit leaves out (src/module-preloads.ts).
 */
import type { Handle } from '@sveltejs/kit';
import { building } from '$app/environment';
import { readFileSync } from 'node:fs';
import type { Manifest } from 'vite';
import keptPreload from './kept-preload.js?raw';
import { completeModulePreloads } from './module-preloads';

/** The routes whose default view opens from the kept results (`dataset.pageEngine` / `keptResults`); tests/unit/kept/preload-routes.test.ts checks the list. */
export const KEPT_ROUTES: ReadonlySet<string> = new Set(['/', '/actions', '/attribution', '/recovery']);

/** src/app.html's slot for the script; its `data-kept-preload` holds kept.bin's address, relative as SvelteKit wrote it. */
const SLOT = /<script data-kept-preload="([^"]*)"><\/script>/;

/** The page's HTML with the preload script in its slot (routes that read kept results), or without the slot. */
export function withKeptPreload(html: string, routeId: string | null): string {
	return html.replace(SLOT, (_, href: string) => (routeId !== null && KEPT_ROUTES.has(routeId) ? `<script data-kept-preload="${href}">${keptPreload}</script>` : ''));
}

/** The client build's Vite manifest, which SvelteKit itself reads its preloads from (written before the pages are prerendered). */
let clientManifest: Manifest | null | undefined;
function viteClientManifest(): Manifest | null {
	if (clientManifest === undefined) {
		try {
			clientManifest = JSON.parse(readFileSync('.svelte-kit/output/client/.vite/manifest.json', 'utf8')) as Manifest;
		} catch {
			clientManifest = null;
		}
	}
	return clientManifest;
}

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => {
			const manifest = building ? viteClientManifest() : null;
			const page = withKeptPreload(html, event.route.id);
			return manifest ? completeModulePreloads(page, manifest) : page;
		}
	});
