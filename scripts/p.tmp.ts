import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCanonicalTables } from '$lib/data/load-tables';
import { startNodeEngine } from '$lib/engine/node';
import { cubeOf } from '$lib/overview/cube';
import { cubeBacklog } from '$lib/overview/cube-backlog';
import { cubeHeatmap, cubeTicketsByWeek, cubeTimeToResolve, cubeTotals } from '$lib/overview/cube-figures';
import { overviewClient } from '$lib/overview/overview-model';
import { loadFilterChoices } from '$lib/page/filter-choices';
import { DEFAULT_FILTERS } from '$lib/scope/filters';
import { observedWindow } from '$lib/charts/coverage';
const dir = path.resolve(process.argv[2] ?? 'data/sample');
const e = await startNodeEngine();
await loadCanonicalTables(e, ['clinics.csv', 'training.csv', process.env.TICKETS ?? 'tickets.csv'].map((n) => ({ table: n.split('.')[0] as never, name: n, bytes: readFileSync(path.join(dir, n)) })));
const choices = await loadFilterChoices(e);
const q = overviewClient.queries({ filters: DEFAULT_FILTERS, clinics: choices.clinics });
const r = Object.fromEntries(await Promise.all(Object.entries(q).map(async ([k, s]) => [k, await e.query(s)]))) as never;
const time = (label: string, f: () => unknown) => { let best = Infinity; for (let i = 0; i < (label.startsWith("cell") ? 3 : 30); i++) { const t = performance.now(); f(); best = Math.min(best, performance.now() - t); } console.log(label, best.toFixed(2)); };
let cube: ReturnType<typeof cubeOf>;
{ const t = performance.now(); cube = cubeOf(r); console.log('cubeOf once', (performance.now() - t).toFixed(1)); }
for (const axis of ['calendar', 'go_live', 'calendar'] as const) {
  const f = { ...DEFAULT_FILTERS, axis };
  const w = observedWindow(choices.span, f);
  time('totals', () => cubeTotals(cube, f));
  time('weekly', () => cubeTicketsByWeek(cube, f, w));
  time('backlog', () => cubeBacklog(cube, f, w));
  time('ttr', () => cubeTimeToResolve(cube, f, w));
  time('heatmap', () => cubeHeatmap(cube, f, w));
  time('model', () => overviewClient.model(r, { filters: f, clinics: choices.clinics, span: choices.span }));
}
await e.close();
import { strings, numbers } from '$lib/results/columns';
import { cellValues } from '$lib/overview/exact-quantiles';
const rr = r as Record<string, import('apache-arrow').Table>;
for (let i = 0; i < 2; i++) {
time('strings days', () => strings(rr.days!, 'clinic_id'));
time('numbers days', () => numbers(rr.days!, 'day'));
time('cellValues', () => cellValues(cube.times.hours.values, cube.times.hours.start));
time('hours', () => { const col = rr.times!.getChild('seconds')!; return col.data.length; });
}
