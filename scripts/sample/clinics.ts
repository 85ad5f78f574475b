import { DEFAULT_CLINICS } from './mixes';
import { Random } from './random';
import { WAVE_GO_LIVES } from './timeline';

export interface Clinic {
	index: number;
	id: string;
	name: string;
	site: string;
	specialty: string;
	/** 1, 2 or 3. */
	wave: number;
	goLive: number;
	physicians: number;
	apps: number;
	/** Baseline visits a full-time physician schedules per day. */
	visitsPerDay: number;
	noShowRate: number;
}

interface Profile {
	physicians: readonly [number, number];
	apps: readonly [number, number];
	visitsPerDay: number;
	noShowRate: number;
}

const PROFILES: Readonly<Record<string, Profile>> = {
	primary_care: { physicians: [6, 10], apps: [2, 3], visitsPerDay: 20, noShowRate: 0.08 },
	internal_medicine: { physicians: [5, 8], apps: [1, 3], visitsPerDay: 19, noShowRate: 0.07 },
	pediatrics: { physicians: [5, 8], apps: [2, 3], visitsPerDay: 22, noShowRate: 0.09 },
	cardiology: { physicians: [4, 7], apps: [1, 2], visitsPerDay: 17, noShowRate: 0.05 },
	orthopedics: { physicians: [4, 7], apps: [2, 3], visitsPerDay: 22, noShowRate: 0.05 },
	obgyn: { physicians: [4, 7], apps: [2, 3], visitsPerDay: 18, noShowRate: 0.07 },
	dermatology: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 22, noShowRate: 0.06 },
	endocrinology: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 16, noShowRate: 0.08 },
	gastroenterology: { physicians: [4, 6], apps: [1, 2], visitsPerDay: 16, noShowRate: 0.06 },
	neurology: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 16, noShowRate: 0.07 },
	pulmonology: { physicians: [3, 5], apps: [1, 1], visitsPerDay: 16, noShowRate: 0.07 },
	urgent_care: { physicians: [4, 6], apps: [3, 4], visitsPerDay: 22, noShowRate: 0.05 },
	oncology: { physicians: [4, 6], apps: [2, 3], visitsPerDay: 16, noShowRate: 0.04 },
	rheumatology: { physicians: [3, 4], apps: [1, 1], visitsPerDay: 16, noShowRate: 0.07 },
	behavioral_health: { physicians: [4, 6], apps: [2, 3], visitsPerDay: 16, noShowRate: 0.1 },
	urology: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 20, noShowRate: 0.06 },
	ent: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 20, noShowRate: 0.06 },
	geriatrics: { physicians: [3, 5], apps: [1, 2], visitsPerDay: 16, noShowRate: 0.06 },
	nephrology: { physicians: [3, 4], apps: [1, 1], visitsPerDay: 16, noShowRate: 0.06 }
};

/** [clinic name, specialty] per hospital. Names are fixed so the world reads the same for every seed. */
const SITES: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
	[
		'Riverside Medical Center',
		[
			['Riverside Family Medicine - Downtown', 'primary_care'],
			['Riverside Family Medicine - Northgate', 'primary_care'],
			['Riverside Primary Care - Mill Creek', 'primary_care'],
			['Riverside Primary Care - Harbor View', 'primary_care'],
			['Riverside Internal Medicine', 'internal_medicine'],
			['Riverside Pediatrics - Elm Street', 'pediatrics'],
			['Riverside Pediatrics - Westfield', 'pediatrics'],
			['Riverside Heart & Vascular', 'cardiology'],
			['Riverside Orthopedics & Sports Medicine', 'orthopedics'],
			["Riverside Women's Health", 'obgyn'],
			['Riverside Dermatology', 'dermatology'],
			['Riverside Endocrinology & Diabetes', 'endocrinology'],
			['Riverside Gastroenterology', 'gastroenterology'],
			['Riverside Neurology', 'neurology'],
			['Riverside Urgent Care', 'urgent_care'],
			['Riverside Pulmonary Associates', 'pulmonology'],
			['Riverside Cancer Center Clinic', 'oncology']
		]
	],
	[
		'St. Brendan Hospital',
		[
			['St. Brendan Family Practice', 'primary_care'],
			['St. Brendan Primary Care - Oak Park', 'primary_care'],
			['St. Brendan Primary Care - Southside', 'primary_care'],
			['St. Brendan Family Medicine - Clearwater', 'primary_care'],
			['St. Brendan Internal Medicine', 'internal_medicine'],
			['St. Brendan Pediatrics', 'pediatrics'],
			['St. Brendan Cardiology', 'cardiology'],
			['St. Brendan Orthopedics', 'orthopedics'],
			['St. Brendan OB/GYN - Main Campus', 'obgyn'],
			['St. Brendan OB/GYN - Fairview', 'obgyn'],
			['St. Brendan Rheumatology', 'rheumatology'],
			['St. Brendan Endocrinology', 'endocrinology'],
			['St. Brendan Behavioral Health', 'behavioral_health'],
			['St. Brendan Urology', 'urology'],
			['St. Brendan ENT, Head & Neck Surgery', 'ent'],
			['St. Brendan Oncology', 'oncology']
		]
	],
	[
		'Lakeview Regional',
		[
			['Lakeview Family Medicine - Lakeshore', 'primary_care'],
			['Lakeview Family Medicine - Pine Ridge', 'primary_care'],
			['Lakeview Primary Care - Cedar Falls', 'primary_care'],
			['Lakeview Internal Medicine', 'internal_medicine'],
			['Lakeview Pediatrics - Maple Grove', 'pediatrics'],
			['Lakeview Pediatrics - Brookside', 'pediatrics'],
			['Lakeview Cardiology', 'cardiology'],
			['Lakeview Orthopedics', 'orthopedics'],
			["Lakeview Women's Health", 'obgyn'],
			['Lakeview Dermatology', 'dermatology'],
			['Lakeview Gastroenterology', 'gastroenterology'],
			['Lakeview Neurology', 'neurology'],
			['Lakeview Pulmonology', 'pulmonology'],
			['Lakeview Urgent Care', 'urgent_care'],
			['Lakeview Geriatrics', 'geriatrics'],
			['Lakeview Nephrology', 'nephrology']
		]
	]
];

/** The system employs well over 250 physicians (for 49 clinics); small draws are topped up in primary care. */
const MIN_PHYSICIANS = 265;

type Layout = readonly (readonly [string, readonly (readonly [string, string])[]])[];

/**
 * `count` clinics spread evenly over the three hospitals, in SITES order (49 gives SITES
 * itself). A site that needs more clinics than it has names repeats its list as annexes.
 */
function layout(count: number): Layout {
	return SITES.map(([site, entries], s) => {
		const size = Math.floor(count / SITES.length) + (s < count % SITES.length ? 1 : 0);
		const list = Array.from({ length: size }, (_, k): readonly [string, string] => {
			const [name, specialty] = entries[k % entries.length] ?? ['Clinic', 'primary_care'];
			const annex = Math.floor(k / entries.length);
			return annex === 0 ? [name, specialty] : [`${name} - Annex ${annex + 1}`, specialty];
		});
		return [site, list] as const;
	});
}

export function buildClinics(seed: number, count: number = DEFAULT_CLINICS): Clinic[] {
	const rng = new Random(seed, 'clinics');
	const clinics: Clinic[] = [];
	for (const [site, entries] of layout(count)) {
		for (const [name, specialty] of entries) {
			const profile = PROFILES[specialty];
			if (profile === undefined) throw new Error(`no profile for ${specialty}`);
			const index = clinics.length;
			clinics.push({
				index,
				id: `C${String(index + 1).padStart(2, '0')}`,
				name,
				site,
				specialty,
				wave: 0,
				goLive: 0,
				physicians: rng.int(...profile.physicians),
				apps: rng.int(...profile.apps),
				visitsPerDay: profile.visitsPerDay,
				noShowRate: profile.noShowRate
			});
		}
	}
	const primary = clinics.filter((c) => c.specialty === 'primary_care');
	const minPhysicians = Math.round((MIN_PHYSICIANS * count) / DEFAULT_CLINICS);
	while (clinics.reduce((n, c) => n + c.physicians, 0) < minPhysicians) rng.pick(primary).physicians++;

	// Each site is shuffled, then all clinics are dealt round-robin: every wave mixes all sites.
	const dealt = SITES.flatMap(([site]) => rng.shuffle(clinics.filter((c) => c.site === site)));
	dealt.forEach((clinic, i) => {
		const wave = (i % WAVE_GO_LIVES.length) + 1;
		clinic.wave = wave;
		clinic.goLive = WAVE_GO_LIVES[wave - 1] ?? WAVE_GO_LIVES[0];
	});
	return clinics;
}
