// Runs `task` at most once per `intervalMs`: a burst of triggers gives one run now and one at
// the end of the interval (so the last change is never missed), never a storm of requests.
export function throttle(task, intervalMs) {
  let last = 0;
  let timer = null;
  let running = false;
  const run = async () => {
    timer = null;
    last = Date.now();
    running = true;
    try {
      await task();
    } finally {
      running = false;
    }
  };
  return function trigger() {
    if (timer !== null) return;
    const wait = running ? intervalMs : Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(run, wait);
  };
}
