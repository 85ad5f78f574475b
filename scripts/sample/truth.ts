import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isoDate } from './calendar';
import { writeCsv } from './csv-writer';
import { isDefaultVariant } from './mixes';
import { BILLING_BASELINE, BILLING_SPIKE } from './billing';
import type { Recovery } from './recovery';
import { plantedStabilization } from './stabilization';
import type { Ticket } from './tickets';
import { DATA_END, DATA_START, WAVE_GO_LIVES } from './timeline';
import { isStressed } from './stress';
import { activeUntil, SLOW_BILLING_AREAS, SLOW_PRODUCTIVITY_AREAS } from './variance';
import { CAUSES, type Area, type Cause } from './vocabulary';
import type { World } from './world';

/**
 * The planted answers, for tests and benchmarks only: the app never loads this folder.
 * `ticket_causes.csv` names the one mechanism that generated each ticket; `stabilization.csv`
 * each clinic's planted stabilization week (stabilization.ts); `planted.json`
 * describes every planted effect and the multipliers behind it.
 */
export async function writeTruth(dir: string, world: World, tickets: readonly Ticket[], recoveries: readonly Recovery[], version: number): Promise<void> {
	await mkdir(dir, { recursive: true });
	await writeCsv(
		join(dir, 'ticket_causes.csv'),
		['ticket_id', 'planted_cause', 'detail'],
		tickets.map((t) => [t.id, t.draft.cause, t.draft.detail]),
		{ gzip: false }
	);
	// The go-live week from which each clinic's expected weekly tickets stay within its steady band (stabilization.ts).
	await writeCsv(
		join(dir, 'stabilization.csv'),
		['clinic_id', 'stable_week'],
		plantedStabilization(world).map((p) => [p.clinicId, p.stableWeek]),
		{ gzip: false }
	);
	const planted = describePlanted(world, tickets, recoveries, version);
	await writeFile(join(dir, 'planted.json'), `${JSON.stringify(planted, null, 2)}\n`);
}

const clinicId = (world: World, index: number): string => world.clinics[index]?.id ?? '?';

/** The unreconciled variance that explains a planted slow clinic. */
function slowReason(world: World, clinic: number, areas: readonly Area[]): string {
	const v = world.register.variances.find((x) => x.clinic === clinic && x.planted && areas.includes(x.area));
	return v === undefined ? 'planted' : `unreconciled ${v.area} variance: ${v.description}`;
}

function describePlanted(world: World, tickets: readonly Ticket[], recoveries: readonly Recovery[], version: number) {
	const counts = Object.fromEntries(CAUSES.map((c): [Cause, number] => [c, 0]));
	for (const t of tickets) counts[t.draft.cause] = (counts[t.draft.cause] ?? 0) + 1;
	const slow = (set: ReadonlySet<number>, areas: readonly Area[]) =>
		[...set]
			.sort((a, b) => a - b)
			.map((index) => ({
				clinicId: clinicId(world, index),
				wave: world.clinics[index]?.wave,
				reason: slowReason(world, index, areas),
				recovery: recoveries[index]
			}));
	return {
		generator: 'hypercare-sample',
		version,
		seed: world.seed,
		// Only written for a non-default variant, so the default sample keeps its bytes.
		...(isDefaultVariant(world.variant) ? {} : { variant: { clinics: world.variant.clinics, mix: world.variant.mix } }),
		dataWindow: { start: isoDate(DATA_START), end: isoDate(DATA_END) },
		waves: WAVE_GO_LIVES.map((day, i) => ({
			wave: i + 1,
			goLive: isoDate(day),
			clinicIds: world.clinics.filter((c) => c.wave === i + 1).map((c) => c.id)
		})),
		ticketCounts: counts,
		multipliers: {
			tickets: world.rates,
			training: world.trainingKnobs,
			billingBaseline: BILLING_BASELINE,
			billingGoLiveSpike: BILLING_SPIKE
		},
		// Only variances still open at go-live raise tickets.
		workflowVariance: world.register.variances
			.filter((v) => activeUntil(v) >= (world.clinics[v.clinic]?.goLive ?? 0))
			.map((v) => ({
				clinicId: clinicId(world, v.clinic),
				area: v.area,
				status: v.status,
				description: v.description,
				raisesTicketsUntil: v.reconciledOn === null ? null : isoDate(v.reconciledOn - 1)
			})),
		buildDefects: world.defects.map((d) => ({
			id: d.id,
			area: d.area,
			start: isoDate(d.start),
			end: isoDate(d.end),
			clinicIds: d.clinics.map((i) => clinicId(world, i)),
			...(d.wave === undefined ? {} : { singleWave: d.wave })
		})),
		...stressTruth(world),
		interfaceOutages: world.outages.map((o) => ({ site: o.site, day: isoDate(o.day), clinicIds: o.clinics.map((i) => clinicId(world, i)) })),
		dataConversion: {
			window: 'weeks 0-3 after each clinic go-live carry most conversion tickets; a few stragglers to week 9',
			clinics: world.clinics.map((c) => ({ clinicId: c.id, start: isoDate(c.goLive), end: isoDate(c.goLive + 27) }))
		},
		slowProductivity: slow(world.register.slowProductivity, SLOW_PRODUCTIVITY_AREAS),
		slowBilling: slow(world.register.slowBilling, SLOW_BILLING_AREAS)
	};
}

/** The stress mixes' cast and their silent register entries; nothing for other mixes (stress.ts). */
function stressTruth(world: World) {
	if (!isStressed(world.variant.mix.stress)) return {};
	const ids = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b).map((i) => clinicId(world, i));
	return {
		silentVariance: world.register.variances
			.filter((v) => v.silent === true)
			.map((v) => ({ clinicId: clinicId(world, v.clinic), area: v.area, status: v.status, description: v.description })),
		stressClinics: { small: ids(world.stress.small), poorlyTrained: ids(world.stress.poorlyTrained), fullyTrained: ids(world.stress.fullyTrained) }
	};
}
