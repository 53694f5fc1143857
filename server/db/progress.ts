/**
 * A progress reporter for long jobs: a redrawn bar on a terminal, and a line
 * every 10% when output is a log file or CI, so nothing floods or goes silent.
 */
export function renderProgress(label: string, stream: NodeJS.WriteStream): (done: number, total: number) => void {
  const startedAt = Date.now();
  let lastDecile = -1;
  return (done, total) => {
    const fraction = total === 0 ? 1 : done / total;
    const pct = Math.floor(fraction * 100);
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} ${label}${rate ? ` (${rate}/s)` : ''}`);
      if (done >= total) stream.write('\n');
      return;
    }
    const decile = Math.floor(pct / 10);
    if (decile !== lastDecile || done >= total) {
      lastDecile = decile;
      stream.write(`${label}: ${done}/${total} (${pct}%)\n`);
    }
  };
}
