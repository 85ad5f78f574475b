import type { Manifest } from './manifest';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * What the data bundled with this site is, in words: the sample, or a report published from a
 * health system's exports (a leader must never read real data as "simulated", nor the reverse).
 * Null while the manifest has not arrived: the page then names neither.
 */
export function aboutBundled(manifest: Manifest | null): string | null {
	if (!manifest) return null;
	const published = manifest.published;
	if (!published) return 'the bundled sample (a simulated go-live)';
	const [y, m, d] = published.at.slice(0, 10).split('-');
	const day = `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
	const files = published.files.map((f) => `${f.file} (${f.table})`).join('; ');
	return `a report published on ${day} from ${published.files.length === 1 ? 'one export file' : `${published.files.length} export files`}${files ? `: ${files}` : ''}`;
}
