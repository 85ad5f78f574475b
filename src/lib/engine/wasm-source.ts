/**
 * Where DuckDB's wasm module comes from. Built sites ship it gzipped (see
 * scripts/precompress-wasm-plugin.ts) and it is decompressed here; the dev server serves
 * it as is. A host that itself decodes `.gz` files (Content-Encoding) is handled too.
 */
const GZIP_MAGIC = [0x1f, 0x8b];

export async function wasmModuleUrl(url: string): Promise<string> {
	if (!import.meta.env.HYPERCARE_WASM_GZ) return url;
	const response = await fetch(`${url}.gz`);
	if (!response.ok) throw new Error(`${url}.gz: HTTP ${response.status} ${response.statusText}`);
	const bytes = new Uint8Array(await response.arrayBuffer());
	const gzipped = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
	const module = gzipped ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer() : bytes;
	return URL.createObjectURL(new Blob([module], { type: 'application/wasm' }));
}
