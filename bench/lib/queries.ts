/** Occupation search terms the benches rotate through: Arabic titles, English titles, an ISCO code prefix. */
export const OCCUPATION_QUERIES = ['نجار', 'كهرباء', 'سائق', 'محاسب', 'software', 'nurse', '7411'];

export const occupationPaths = (): string[] => OCCUPATION_QUERIES.map((q) => `/api/v1/occupations?q=${encodeURIComponent(q)}`);

/** Requests every path once and checks each answers 200 with a JSON array; returns the result counts. */
export async function checkOccupations(baseUrl: string): Promise<string> {
  const counts: string[] = [];
  for (const [i, path] of occupationPaths().entries()) {
    const res = await fetch(baseUrl + path);
    const body: unknown = await res.json();
    if (res.status !== 200 || !Array.isArray(body)) throw new Error(`${path} → ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    counts.push(`${OCCUPATION_QUERIES[i]}:${body.length}`);
  }
  return counts.join(' ');
}
