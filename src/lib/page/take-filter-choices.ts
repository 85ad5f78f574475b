/**
 * A page's filter choices taken into its state. Apart from filter-choices.ts because it writes the
 * shared scope (a Svelte state module): scripts that only load the choices (the benches' pages,
 * built without the Svelte compiler) must not import runes.
 */
import type { Engine } from '$lib/engine';
import type { ClinicChoice, ExportThinning, FilterChoices } from '$lib/scope/choices';
import { sharedScope } from '$lib/scope/shared.svelte';
import { loadFilterChoices } from './filter-choices';

/** Where a page's state keeps what its filter bar offers. */
export interface ChoicesHolder {
	choices: readonly ClinicChoice[];
	span: FilterChoices['span'];
	thinning: ExportThinning | null;
}

/** Loads the filter choices into a page's state, and gives the clinics to the scope every page shares (its chip names them). */
export async function takeFilterChoices(engine: Engine, page: ChoicesHolder): Promise<FilterChoices> {
	const choices = await loadFilterChoices(engine);
	page.choices = choices.clinics;
	sharedScope.choices = choices.clinics;
	page.span = choices.span;
	page.thinning = choices.thinning;
	return choices;
}
