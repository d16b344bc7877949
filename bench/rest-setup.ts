/**
 * Setting up load through the REST API, shared by the benchmarks and the load tests: POSTs that
 * wait out the per-key rate limit, and a small concurrency pool.
 */

/** POSTs JSON with a secret key; a 429 is waited out and retried, anything but 201 throws. */
export async function post(
  base: string,
  key: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status === 201) return json;
    if (response.status === 429 && attempt < 20) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(json)}`);
  }
}

/** Runs `work` over `items`, `concurrency` at a time, keeping the results in order. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}
