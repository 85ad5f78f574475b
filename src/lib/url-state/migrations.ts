import { LINK_VERSION } from './schema';

type Migrated = { ok: true; state: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Older link versions, upgraded one step at a time to the current one. Each step takes
 * the previous version's object and returns the next one's; a link that reached people
 * must keep opening.
 */
const STEPS: Readonly<Record<number, (old: Record<string, unknown>) => Record<string, unknown>>> = {
	// 1 → 2: a page's `filters` became the `scope` every page shares.
	1: ({ filters, ...rest }) => (filters === undefined ? rest : { ...rest, scope: filters })
};

export function migrate(version: number, state: Record<string, unknown>): Migrated {
	if (!Number.isInteger(version) || version < 1) return { ok: false, problem: 'This link has no valid version. The default view is shown.' };
	if (version > LINK_VERSION) {
		return { ok: false, problem: `This link comes from a newer Hypercare (link version ${version}; this site reads up to ${LINK_VERSION}). The default view is shown.` };
	}
	let current = { ...state, v: version };
	for (let v = version; v < LINK_VERSION; v++) {
		const step = STEPS[v];
		if (!step) return { ok: false, problem: `Links of version ${v} can no longer be read. The default view is shown.` };
		current = { ...step(current), v: v + 1 };
	}
	return { ok: true, state: current };
}
