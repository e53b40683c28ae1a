/** Reports the time since the previous call under `name` (benchmarks, diagnostics). */
export function phaseTimer(onPhase: ((phase: string, ms: number) => void) | undefined) {
  let last = performance.now();
  return (name: string) => {
    const now = performance.now();
    onPhase?.(name, now - last);
    last = now;
  };
}
