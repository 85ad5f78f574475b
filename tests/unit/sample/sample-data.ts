import { eachRecord, fileText, readTable } from './read-csv';

export type Row = Record<string, string>;

/** The generated tables, read back from disk as text (billing is streamed, see eachBillingRow). */
export interface Sample {
	dir: string;
	clinics: Row[];
	training: Row[];
	variance: Row[];
	tickets: Row[];
	throughput: Row[];
	/** Go-live day number per clinic_id. */
	goLive: Map<string, number>;
	/** Last day of the data, the latest date anywhere. */
	end: number;
}

/** UTC day number of the date part of `YYYY-MM-DD[ HH:MM:SS]`. */
export function dayNumber(text: string): number {
	return Date.parse(`${text.slice(0, 10)}T00:00:00Z`) / 86_400_000;
}

export function weeksAfter(day: number, goLive: number): number {
	return Math.floor((day - goLive) / 7);
}

/** Monday of the ISO week containing `day` (day 0 was a Thursday). */
export function mondayOf(day: number): number {
	return day - ((day + 3) % 7);
}

export function loadSample(dir: string): Sample {
	const clinics = readTable(dir, 'clinics.csv').rows;
	const throughput = readTable(dir, 'throughput.csv.gz').rows;
	let end = 0;
	for (const r of throughput) end = Math.max(end, dayNumber(r.date ?? ''));
	return {
		dir,
		clinics,
		training: readTable(dir, 'training.csv').rows,
		variance: readTable(dir, 'workflow_variance.csv').rows,
		tickets: readTable(dir, 'tickets.csv').rows,
		throughput,
		goLive: new Map(clinics.map((c) => [c.clinic_id ?? '', dayNumber(c.go_live_date ?? '')])),
		// Throughput has no rows on the final weekend, the data window runs to its Sunday.
		end: mondayOf(end) + 6
	};
}

/** Billing rows as field arrays in contract order; too many to hold as records. */
export function eachBillingRow(dir: string, onRow: (fields: string[]) => void): void {
	let header = true;
	eachRecord(fileText(dir, 'billing.csv.gz'), (fields) => {
		if (header) header = false;
		else onRow(fields);
	});
}

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Clinics whose register holds an unreconciled variance in one of `areas`. */
export function clinicsWithUnreconciled(sample: Sample, areas: readonly string[]): Set<string> {
	return new Set(sample.variance.filter((v) => v.status === 'unreconciled' && areas.includes(v.workflow_area ?? '')).map((v) => v.clinic_id ?? ''));
}
