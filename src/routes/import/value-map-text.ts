import type { ValueMap } from '$lib/ingest';

/** A value map as the user edits it: one `raw = canonical` per line. */
export function valueMapText(map: ValueMap | undefined): string {
	return Object.entries(map?.values ?? {})
		.map(([from, to]) => `${from} = ${to}`)
		.join('\n');
}

export function parseValueMap(text: string, otherwise: string): ValueMap | null {
	const values: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const at = line.indexOf('=');
		if (at <= 0) continue;
		values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
	}
	const other = otherwise.trim();
	if (Object.keys(values).length === 0 && other === '') return null;
	return other === '' ? { values } : { values, otherwise: other };
}

/** "No value" tokens as typed: comma-separated; the empty field always counts. */
export function parseMissing(text: string): string[] {
	return [
		'',
		...text
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t !== '')
	];
}
