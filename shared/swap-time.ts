/** The range an expected swap time is shown with: the page cache and the disk are not ours to predict. */
export function swapTimeRange(seconds: number): { low: number; high: number } {
  const tenth = (x: number) => Math.round(x * 10) / 10;
  return { low: tenth(seconds * 0.67), high: tenth(seconds * 1.5) };
}
