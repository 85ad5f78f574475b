import { z } from 'zod';
import type { FilterChoices } from '$lib/scope/choices';
import type { OverviewModel } from './overview-model';

/**
 * The overview of the bundled data with default filters, computed at build time and
 * served beside the page, so the first charts show before DuckDB has started. `key`
 * names the data it was computed from (the bundled manifest's digest).
 */
export interface FirstView {
	readonly key: string;
	readonly choices: FilterChoices;
	readonly model: OverviewModel;
}

/** A shape check only: the file is this site's own build output, not user input. */
const FirstViewSchema = z.object({
	key: z.string(),
	choices: z.object({ clinics: z.array(z.object({ id: z.string(), name: z.string(), site: z.string(), goLive: z.string() })), span: z.unknown() }),
	model: z.object({ totals: z.record(z.string(), z.unknown()), charts: z.record(z.string(), z.object({ option: z.unknown(), table: z.unknown() })) })
});

export async function fetchFirstView(url: string): Promise<FirstView | null> {
	try {
		const response = await fetch(url);
		if (!response.ok) return null;
		const parsed = FirstViewSchema.safeParse(await response.json());
		return parsed.success ? (parsed.data as unknown as FirstView) : null;
	} catch {
		// Without it the overview simply waits for DuckDB.
		return null;
	}
}
