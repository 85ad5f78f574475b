import type { Engine } from '$lib/engine';
import { numbers, strings } from '$lib/results/columns';
import { NO_SITE, type ExportThinning, type FilterChoices } from '$lib/scope/choices';
import { exportThinning } from '$lib/sql/export-thinning';
import { clinicChoices, ticketDateSpan } from '$lib/sql/overview';

/** What the filter bar offers: every clinic with its site and go-live, the span of ticket dates, and where the export thins out. */
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
		span: first && last ? { first, last } : null,
		thinning: await loadThinning(engine)
	};
}

async function loadThinning(engine: Engine): Promise<ExportThinning | null> {
	const found = await engine.query(exportThinning());
	const [from] = strings(found, 'thin_from');
	const [lastDay] = strings(found, 'last_day');
	const [before] = numbers(found, 'per_week_before');
	const [after] = numbers(found, 'per_week_after');
	return from && lastDay && before != null && after != null ? { from, lastDay, perWeekBefore: before, perWeekAfter: after } : null;
}
