import { z } from 'zod';
import { ROOT_CAUSES } from '$lib/contract/vocabulary';

/** Which tickets a drill-down lists; the same shape travels in links. */
export const DrillSchema = z.discriminatedUnion('by', [
	z.object({ by: z.literal('cause'), cause: z.enum(ROOT_CAUSES) }),
	z.object({ by: z.literal('cause-week'), cause: z.enum(ROOT_CAUSES), k: z.number().int() }),
	z.object({ by: z.literal('clinic-cause'), clinic: z.string(), cause: z.enum(ROOT_CAUSES) }),
	z.object({ by: z.literal('variance'), clinic: z.string(), area: z.string() }),
	z.object({ by: z.literal('incident'), incident: z.string() }),
	z.object({ by: z.literal('training'), area: z.string().nullable() }),
	/** One clinic's missed-training tickets in one area: the tickets behind a "train these users" action. */
	z.object({ by: z.literal('training-gap'), clinic: z.string(), area: z.string() })
]);
export type Drill = z.infer<typeof DrillSchema>;
