import type { DataIdentity } from './schema';

/** In words, how the data a link was made on differs from the data loaded here; null when the same. */
export function identityDifference(linked: DataIdentity, here: DataIdentity): string | null {
	if (linked.digest === here.digest) return null;
	// Own properties only: a link's table named `constructor` must not read Object's constructor.
	const count = (rows: Readonly<Record<string, number>>, t: string) => (Object.hasOwn(rows, t) ? (rows[t] ?? 0) : 0);
	const changed = [...new Set([...Object.keys(linked.rows), ...Object.keys(here.rows)])]
		.filter((t) => count(linked.rows, t) !== count(here.rows, t))
		.map((t) => `${t}: ${count(linked.rows, t).toLocaleString('en-US')} rows there, ${count(here.rows, t).toLocaleString('en-US')} here`);
	const detail = changed.length > 0 ? ` (${changed.join('; ')})` : ' (same row counts, different rows)';
	return `This link was made on different data than is loaded here${detail}. The numbers shown are those of the data loaded here.`;
}
