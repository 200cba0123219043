/** Loaded with `--import` into a process being timed: prints its peak RSS on stderr as it exits. */
process.on('exit', () => {
  process.stderr.write(`\nbench-peak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
