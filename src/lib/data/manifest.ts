import { z } from 'zod';
import { TABLE_NAMES } from '$lib/contract/tables';

/** `manifest.json` beside the bundled data: which file holds which canonical table. */
export const ManifestSchema = z.object({
	generator: z.string().optional(),
	version: z.number().int().optional(),
	seed: z.number().optional(),
	// Written by `npm run publish-report`: when, and from which export files (names only, shown as text).
	published: z
		.object({
			at: z.iso.datetime(),
			files: z.array(z.object({ file: z.string().max(300), table: z.enum(TABLE_NAMES) })).max(500)
		})
		.optional(),
	tables: z
		.array(
			z.object({
				table: z.enum(TABLE_NAMES),
				// A bare file name: the manifest must not point outside its folder.
				file: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a plain file name'),
				rows: z.number().int().nonnegative(),
				bytes: z.number().int().nonnegative(),
				sha256: z.string().optional()
			})
		)
		.min(1)
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestEntry = Manifest['tables'][number];
