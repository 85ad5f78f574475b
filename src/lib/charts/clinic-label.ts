/** A clinic as rows and lists name it: id and name, or the id alone when the name only repeats it (a ticket export's locations). */
export function clinicLabel(id: string, name: string | null | undefined): string {
	const n = (name ?? '').trim();
	return n === '' || n === id ? id : `${id} ${n}`;
}
