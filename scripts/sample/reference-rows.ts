import { isoDate } from './calendar';
import type { Cell } from './csv-writer';
import { providerFte } from './users';
import type { World } from './world';

/** Rows of the three reference tables, in the contract's column order. */

export function* clinicRows(world: World): Generator<Cell[]> {
	for (const c of world.clinics) {
		yield [c.id, c.name, c.site, c.specialty, isoDate(c.goLive), providerFte(world.byClinic[c.index] ?? [])];
	}
}

export function* trainingRows(world: World): Generator<Cell[]> {
	for (const r of world.training) {
		const clinicId = world.clinics[r.user.clinic]?.id ?? null;
		yield [r.user.id, clinicId, r.user.role, r.area, r.completedOn === null ? null : isoDate(r.completedOn), r.score];
	}
}

export function* varianceRows(world: World): Generator<Cell[]> {
	for (const v of world.register.variances) {
		const clinicId = world.clinics[v.clinic]?.id ?? null;
		yield [clinicId, v.area, v.description, v.status, v.reconciledOn === null ? null : isoDate(v.reconciledOn)];
	}
}
