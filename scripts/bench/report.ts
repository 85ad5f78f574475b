/** Plain-text tables of the benchmark figures, for a terminal or a CI log. */
import { meanAndWorst } from './incident-metrics';
import { TARGETS, verdicts, type CauseShare } from './metrics';
import type { ScenarioResult } from './run-scenario';
import type { Scenario } from './scenarios';

export type Outcome = ScenarioResult | { scenario: Scenario; error: string };

const SHORT: Readonly<Record<string, string>> = {
	workflow_variance: 'variance',
	missed_training: 'training',
	build_defect: 'defect',
	data_conversion: 'conversion',
	access_provisioning: 'access',
	technical: 'technical',
	unattributed: 'unattrib.'
};

const pct = (x: number, digits = 1): string => (100 * x).toFixed(digits);
const pctOrDash = (x: number | null): string => (x === null ? '-' : `${pct(x)}%`);
const signedPp = (s: CauseShare): string => `${s.attributed >= s.truth ? '+' : ''}${pct(s.attributed - s.truth)}`;

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const describeScenario = (s: Scenario): string => `seed ${s.seed}, ${s.clinics} clinics, mix ${s.mix}`;

/** What one scenario found, printed as soon as it is done. */
export function scenarioDetail(r: ScenarioResult): string {
	const { tickets: t, variances: v } = r;
	const shares = renderTable(
		['cause', 'truth %', 'attributed %', 'gap pp'],
		t.shares.map((s) => [s.cause, pct(s.truth), pct(s.attributed), signedPp(s)])
	);
	const list = (keys: readonly string[]) => (keys.length === 0 ? 'none' : keys.slice(0, 12).join(', ') + (keys.length > 12 ? `, ... (${keys.length})` : ''));
	const d = r.defects;
	const f = r.falseFlags;
	return [
		`\n== ${r.scenario.name} (${describeScenario(r.scenario)}): ${t.tickets} tickets; generate ${r.seconds.generate.toFixed(1)} s, load ${r.seconds.load.toFixed(1)} s, attribution ${r.seconds.attribute.toFixed(1)} s`,
		shares,
		`TVD ${t.tvdPp.toFixed(2)} pp; top-cause accuracy ${pct(t.topCauseAccuracy)}%`,
		`variances: ${v.foundPlanted}/${v.planted} planted pairs flagged (${v.foundUnreconciled}/${v.unreconciled} unreconciled, ${v.foundReconciledLate}/${v.reconciledLate} reconciled after go-live); ${v.found} flagged in all`,
		`  missed: ${list(v.missed)}`,
		`  false positives: ${list(v.falsePositives)}`,
		`defects: ${d.foundSingleWave}/${d.singleWave} single-wave found; ${d.trueIncidents}/${d.incidents} incidents match a planted defect (${d.planted} planted)${d.unmatched.length > 0 ? `; unmatched ${list(d.unmatched)}` : ''}`,
		`variance-free clinic-areas: ${f.flagged}/${f.free} test significant (poorly trained clinics ${f.poorFlagged}/${f.poorFree}, silent entries ${f.silentFlagged}/${f.silent})`,
		t.issues.length === 0 ? 'ticket_root_cause contract: ok' : `ticket_root_cause contract BROKEN: ${t.issues.join('; ')}`
	].join('\n');
}

/** The two summary tables: shares per cause, then the figures against their targets. */
export function summary(outcomes: readonly Outcome[]): string {
	const causes = Object.keys(SHORT);
	const shareRows = outcomes.map((o) =>
		'error' in o
			? [o.scenario.name, 'ERROR', ...causes.map(() => '')]
			: [
					o.scenario.name,
					String(o.tickets.tickets),
					...causes.map((c) => {
						const s = o.tickets.shares.find((x) => x.cause === c);
						return s === undefined ? '-' : `${pct(s.attributed)} / ${pct(s.truth)}`;
					})
				]
	);
	const targetRows = outcomes.map((o) => {
		if ('error' in o) return [o.scenario.name, `ERROR: ${o.error.split('\n')[0] ?? ''}`];
		const { tickets: t, variances: v } = o;
		const verdict = verdicts(t, v);
		return [
			o.scenario.name,
			t.tvdPp.toFixed(2),
			verdict.tvd,
			`${SHORT[t.worst.cause] ?? t.worst.cause} ${signedPp(t.worst)}`,
			`${pct(t.topCauseAccuracy)}%`,
			`${pctOrDash(v.recall)} (${v.foundPlanted}/${v.planted})`,
			verdict.recall,
			`${pctOrDash(v.precision)} (${v.found - v.falsePositives.length}/${v.found})`,
			verdict.precision,
			`${v.foundUnreconciled}/${v.unreconciled}`,
			`${v.foundReconciledLate}/${v.reconciledLate}`,
			t.issues.length === 0 ? 'ok' : 'BROKEN',
			o.seconds.attribute.toFixed(1)
		];
	});
	return [
		'\nShare of tickets per root cause, attributed / truth (%)',
		renderTable(['scenario', 'tickets', ...causes.map((c) => SHORT[c] ?? c)], shareRows),
		`\nAccuracy against targets: TVD <= ${TARGETS.tvdPp} pp, top cause >= ${pct(TARGETS.topCause, 0)}%, variance recall >= ${pct(TARGETS.recall, 0)}%, precision >= ${pct(TARGETS.precision, 0)}%`,
		renderTable(['scenario', 'TVD pp', '', 'worst gap pp', 'top-cause acc', 'var recall', '', 'var precision', '', 'unrec.', 'late', 'contract', 'attr s'], targetRows),
		'Planted pairs: (clinic, area) whose variance raises tickets (truth/planted.json workflowVariance): still unreconciled, or',
		'reconciled after go-live. recall = planted pairs flagged significant / planted; precision = flagged that are planted / flagged;',
		'unrec. and late: flagged / planted of each kind.',
		acrossScenarios(outcomes)
	].join('\n');
}

/** Mean and worst scenario of every issue-21 figure, against its target. */
export function acrossScenarios(outcomes: readonly Outcome[]): string {
	const done = outcomes.filter((o): o is ScenarioResult => !('error' in o));
	const line = (label: string, values: (number | null)[], worse: 'low' | 'high', target: string, fmt: (x: number) => string, ok: (x: number) => boolean) => {
		const s = meanAndWorst(values, worse);
		if (s.mean === null || s.worst === null) return [label, '-', '-', '0', target, 'n/a'];
		return [label, fmt(s.mean), fmt(s.worst), String(s.n), target, ok(s.worst) ? 'PASS' : ok(s.mean) ? 'mean only' : 'FAIL'];
	};
	const p = (x: number) => `${pct(x)}%`;
	const rows = [
		line(
			'cause-share distance (pp)',
			done.map((o) => o.tickets.tvdPp),
			'high',
			`<= ${TARGETS.tvdPp}`,
			(x) => x.toFixed(2),
			(x) => x <= TARGETS.tvdPp
		),
		line(
			'top-cause accuracy',
			done.map((o) => o.tickets.topCauseAccuracy),
			'low',
			`>= ${pct(TARGETS.topCause, 0)}%`,
			p,
			(x) => x >= TARGETS.topCause
		),
		line(
			'single-wave defect recall',
			done.map((o) => o.defects.singleWaveRecall),
			'low',
			`>= ${pct(TARGETS.singleWaveRecall, 0)}%`,
			p,
			(x) => x >= TARGETS.singleWaveRecall
		),
		line(
			'incident precision',
			done.map((o) => o.defects.precision),
			'low',
			`>= ${pct(TARGETS.incidentPrecision, 0)}%`,
			p,
			(x) => x >= TARGETS.incidentPrecision
		),
		line(
			'false incidents, no-defect runs',
			done.map((o) => o.defects.falseInNoDefect),
			'high',
			'0',
			(x) => x.toFixed(0),
			(x) => x === 0
		),
		line(
			'variance precision',
			done.map((o) => o.variances.precision),
			'low',
			`>= ${pct(TARGETS.precision, 0)}%`,
			p,
			(x) => x >= TARGETS.precision
		),
		line(
			'variance recall',
			done.map((o) => o.variances.recall),
			'low',
			`>= ${pct(TARGETS.recall, 0)}%`,
			p,
			(x) => x >= TARGETS.recall
		),
		line(
			'false-flag rate, variance-free areas',
			done.map((o) => o.falseFlags.rate),
			'high',
			`<= ${pct(TARGETS.falseFlagRate)}%`,
			p,
			(x) => x <= TARGETS.falseFlagRate
		),
		line(
			'  in poorly trained clinics',
			done.map((o) => (o.falseFlags.poorFree === 0 ? null : o.falseFlags.poorFlagged / o.falseFlags.poorFree)),
			'high',
			`<= ${pct(TARGETS.falseFlagRate)}%`,
			p,
			(x) => x <= TARGETS.falseFlagRate
		),
		line(
			'  silent register entries',
			done.map((o) => (o.falseFlags.silent === 0 ? null : o.falseFlags.silentFlagged / o.falseFlags.silent)),
			'high',
			`<= ${pct(TARGETS.falseFlagRate)}%`,
			p,
			(x) => x <= TARGETS.falseFlagRate
		)
	];
	const pooled = (get: (o: ScenarioResult) => [number, number]) => {
		const [a, b] = done.map(get).reduce(([x, y], [u, v]) => [x + u, y + v], [0, 0]);
		return b === 0 ? '-' : `${a}/${b} = ${pct(a / b, 2)}%`;
	};
	return [
		`\nAcross ${done.length} scenarios (mean, worst scenario; n = scenarios where the figure applies)`,
		renderTable(['measure', 'mean', 'worst', 'n', 'target', ''], rows),
		`Pooled false flags: all variance-free clinic-areas ${pooled((o) => [o.falseFlags.flagged, o.falseFlags.free])}; poorly trained ${pooled((o) => [o.falseFlags.poorFlagged, o.falseFlags.poorFree])}; silent entries ${pooled((o) => [o.falseFlags.silentFlagged, o.falseFlags.silent])}.`,
		"A false flag: the attribution's one-sided test of O against E (attribution_area_tests.p_value < 2.5%) on a clinic-area whose tickets no variance raises."
	].join('\n');
}
