// Linear algebra for the attacks in the figure tests.
/** Whether unknown `target` is fixed by the equations (the unit vector lies in their row space): Gaussian elimination. */
export function solvable(equations: number[][], target: number): boolean {
  const rows = equations.map((r) => [...r]);
  const n = rows[0]?.length ?? 0;
  const basis: number[][] = [];
  for (const r of rows) {
    for (const b of basis) {
      const pivot = b.findIndex((v) => Math.abs(v) > 1e-9);
      if (Math.abs(r[pivot]!) > 1e-9) {
        const f = r[pivot]! / b[pivot]!;
        for (let i = 0; i < n; i++) r[i] = r[i]! - f * b[i]!;
      }
    }
    if (r.some((v) => Math.abs(v) > 1e-9)) basis.push(r);
  }
  const e = new Array(n).fill(0);
  e[target] = 1;
  for (const b of basis) {
    const pivot = b.findIndex((v) => Math.abs(v) > 1e-9);
    if (Math.abs(e[pivot]!) > 1e-9) {
      const f = e[pivot]! / b[pivot]!;
      for (let i = 0; i < n; i++) e[i] = e[i]! - f * b[i]!;
    }
  }
  return e.every((v) => Math.abs(v) < 1e-9);
}
