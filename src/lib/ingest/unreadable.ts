/** A file that cannot be read at all, with the reason in the user's terms. */
export class UnreadableFileError extends Error {
	override readonly name = 'UnreadableFileError';
}
