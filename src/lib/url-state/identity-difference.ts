import type { DataIdentity } from './schema';

/** In words, how the data a link was made on differs from the data loaded here; null when the same. */
export function identityDifference(linked: DataIdentity, here: DataIdentity): string | null {
	if (linked.digest === here.digest) return null;
	const changed = Object.keys({ ...linked.rows, ...here.rows })
		.filter((t) => linked.rows[t] !== here.rows[t])
		.map((t) => `${t}: ${(linked.rows[t] ?? 0).toLocaleString('en-US')} rows there, ${(here.rows[t] ?? 0).toLocaleString('en-US')} here`);
	const detail = changed.length > 0 ? ` (${changed.join('; ')})` : ' (same row counts, different rows)';
	return `This link was made on different data than is loaded here${detail}. The numbers shown are those of the data loaded here.`;
}
