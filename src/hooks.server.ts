/**
 * Runs when the pages are prerendered (the site is static: no server runs after the build). The
 * pages that read the bundled data's kept results get the inline script that preloads kept.bin
 * (src/kept-preload.js); the others (Import, SQL console) do not fetch a file they never read.
 */
import type { Handle } from '@sveltejs/kit';
import keptPreload from './kept-preload.js?raw';

/** The routes whose default view opens from the kept results (`dataset.pageEngine` / `keptResults`); tests/unit/kept/preload-routes.test.ts checks the list. */
export const KEPT_ROUTES: ReadonlySet<string> = new Set(['/', '/actions', '/attribution', '/recovery']);

/** src/app.html's slot for the script; its `data-kept-preload` holds kept.bin's address, relative as SvelteKit wrote it. */
const SLOT = /<script data-kept-preload="([^"]*)"><\/script>/;

/** The page's HTML with the preload script in its slot (routes that read kept results), or without the slot. */
export function withKeptPreload(html: string, routeId: string | null): string {
	return html.replace(SLOT, (_, href: string) => (routeId !== null && KEPT_ROUTES.has(routeId) ? `<script data-kept-preload="${href}">${keptPreload}</script>` : ''));
}

export const handle: Handle = ({ event, resolve }) => resolve(event, { transformPageChunk: ({ html }) => withKeptPreload(html, event.route.id) });
