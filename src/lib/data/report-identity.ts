import { strings } from '$lib/results/columns';
import type { Engine } from '$lib/engine';
import { dataSpans } from '$lib/sql/data-spans';
import { dataIdentity } from './identity';

/** Which data a printed report shows: the digest a link carries, its row counts and the dates each table covers. */
export interface ReportIdentity {
	readonly digest: string;
	readonly rows: Readonly<Record<string, number>>;
	/** "tickets opened 2025-01-06 to 2025-06-29", per dated table that has rows. */
	readonly spans: readonly string[];
}

export async function reportIdentity(engine: Engine): Promise<ReportIdentity> {
	const [identity, spans] = await Promise.all([dataIdentity(engine), engine.query(dataSpans())]);
	const what = strings(spans, 'what');
	const first = strings(spans, 'first_day');
	const last = strings(spans, 'last_day');
	return {
		...identity,
		spans: what.flatMap((w, i) => (first[i] && last[i] ? [`${w} ${first[i]} to ${last[i]}`] : []))
	};
}
