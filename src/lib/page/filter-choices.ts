import type { Engine } from '$lib/engine';
import { strings } from '$lib/results/columns';
import { NO_SITE, type FilterChoices } from '$lib/scope/choices';
import { clinicChoices, ticketDateSpan } from '$lib/sql/overview';

/** What the filter bar offers: every clinic with its site and go-live, and the span of ticket dates. */
export async function loadFilterChoices(engine: Engine): Promise<FilterChoices> {
	const clinics = await engine.query(clinicChoices());
	const ids = strings(clinics, 'clinic_id');
	const names = strings(clinics, 'clinic_name');
	const sites = strings(clinics, 'site');
	const goLives = strings(clinics, 'go_live_date');
	const span = await engine.query(ticketDateSpan());
	const [first] = strings(span, 'first_day');
	const [last] = strings(span, 'last_day');
	return {
		clinics: ids.map((id, i) => ({ id: id ?? '', name: names[i] ?? id ?? '', site: sites[i] ?? NO_SITE, goLive: goLives[i] ?? '' })),
		span: first && last ? { first, last } : null
	};
}
