import { trusted, type Sql } from './fragment';

/**
 * The dates each dated table covers, for a report's "which data is this": tickets by opening,
 * visits by day, billing by date of service. Empty tables give NULLs (left out by the reader).
 */
export function dataSpans(): Sql {
	return trusted(`SELECT 'tickets opened' AS what, strftime(min(opened_at), '%Y-%m-%d') AS first_day, strftime(max(opened_at), '%Y-%m-%d') AS last_day FROM tickets
		UNION ALL SELECT 'visits', strftime(min(date), '%Y-%m-%d'), strftime(max(date), '%Y-%m-%d') FROM throughput
		UNION ALL SELECT 'services billed', strftime(min(date_of_service), '%Y-%m-%d'), strftime(max(date_of_service), '%Y-%m-%d') FROM billing`);
}
