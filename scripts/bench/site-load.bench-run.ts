/**
 * Page-load and interaction figures of the built site on the bundled sample, in Debian
 * Chromium (issue 8): `npm run bench` (builds first). Each run is a fresh browser context.
 * Prints medians with min and max; never fails on a missed target.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startSite, type SiteUnderTest } from '../harness/site';
import { filterLatency, goTo, loadRows, openOverview, type LoadFigures } from './page-figures';
import { siteFiles } from './site-files';
import { HEADER, row, spread } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIMEOUT = 120_000;

let site: SiteUnderTest;

beforeAll(async () => {
	site = await startSite();
});

afterAll(() => site?.close());

interface Run extends LoadFigures {
	overviewFilterMs: number;
	attributionFilterMs: number;
	recoveryFilterMs: number;
}

async function oneRun(): Promise<Run> {
	const { watched, figures } = await openOverview(site, TIMEOUT);
	const overviewFilterMs = await filterLatency(watched.page);
	await goTo(watched.page, 'Root causes', TIMEOUT);
	const attributionFilterMs = await filterLatency(watched.page);
	await goTo(watched.page, 'Recovery', TIMEOUT);
	const recoveryFilterMs = await filterLatency(watched.page);
	await watched.context.close();
	return { ...figures, overviewFilterMs, attributionFilterMs, recoveryFilterMs };
}

describe.sequential('site load and interaction', () => {
	it(`${RUNS} cold runs`, async () => {
		const runs: Run[] = [];
		for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
		const pick = (key: keyof Run) => spread(runs.map((r) => r[key]));
		const files = siteFiles('build');
		console.log(
			[
				'',
				`Site load, bundled sample (Debian Chromium, headless, ${RUNS} fresh contexts, 127.0.0.1)`,
				HEADER,
				...loadRows(runs),
				row('overview filter change -> charts updated', pick('overviewFilterMs'), 'ms', '<= 100'),
				row('root causes filter change -> charts updated', pick('attributionFilterMs'), 'ms', '<= 100'),
				row('recovery filter change -> charts updated', pick('recoveryFilterMs'), 'ms', '<= 100'),
				row('initial JS (gzip)', spread([files.initialJsKb]), 'KB', '<= 250'),
				row('total transfer to data loaded', pick('transferMb'), 'MB'),
				row('peak renderer memory (RSS)', pick('peakMb'), 'MB'),
				`precompressed: ${files.precompressed}`,
				''
			].join('\n')
		);
	});
});
