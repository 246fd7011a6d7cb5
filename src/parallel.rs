//! Work on many topics spread over the machine's cores.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Items below this count are not worth a thread.
const ITEMS_PER_THREAD: usize = 64;

/// `items.map(work)`, run on every core with each thread taking a run of items; the
/// results keep the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, ITEMS_PER_THREAD, || (), |(), item| work(item))
}

/// Like [`map`], but each thread makes one `scratch` (a buffer, say) and lends it to `work`
/// for each of its items. A thread is started only for each `per_thread` items: a few
/// items are not worth one.
pub fn map_with<T: Sync, R: Send, S>(
    items: &[T],
    per_thread: usize,
    scratch: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len().div_ceil(per_thread.max(1))).max(1);
    if threads == 1 {
        let mut scratch = scratch();
        return items.iter().map(|item| work(&mut scratch, item)).collect();
    }
    // Threads take a run of items at a time, as each becomes free: one slowed down (by
    // big files, or by other work on the machine) leaves more runs to the others.
    let runs: Vec<&[T]> = items
        .chunks((items.len() / (threads * RUNS_PER_THREAD)).max(1))
        .collect();
    let next_run = AtomicUsize::new(0);
    let take_runs = || {
        let mut scratch = scratch();
        let mut done = Vec::new();
        loop {
            let at = next_run.fetch_add(1, Ordering::Relaxed);
            let Some(run) = runs.get(at) else {
                return done;
            };
            let results: Vec<R> = run.iter().map(|item| work(&mut scratch, item)).collect();
            done.push((at, results));
        }
    };
    let mut done = std::thread::scope(|scope| {
        // This thread works too, beside the ones it starts.
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(take_runs)).collect();
        let mut done = take_runs();
        for helper in helpers {
            done.extend(helper.join().expect("a worker thread panicked"));
        }
        done
    });
    // Runs are put back in the items' order.
    done.sort_unstable_by_key(|(at, _)| *at);
    done.into_iter().flat_map(|(_, results)| results).collect()
}

/// How many runs the items are cut into for each thread.
const RUNS_PER_THREAD: usize = 8;

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        let doubled = super::map(&items, |n| n * 2);
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        assert!(super::map(&[] as &[usize], |n| *n).is_empty());
    }

    #[test]
    fn each_thread_reuses_its_scratch_for_all_its_items() {
        let items: Vec<usize> = (0..1000).collect();
        let results = super::map_with(&items, 1, Vec::new, |seen: &mut Vec<usize>, n| {
            seen.push(*n);
            (n * 2, seen.len())
        });
        let doubled: Vec<usize> = results.iter().map(|(n, _)| *n).collect();
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        // Each thread's count goes up by one an item, from one: every count up to the
        // highest is met once for each thread that got that far.
        let mut counts: Vec<usize> = results.iter().map(|(_, count)| *count).collect();
        counts.sort_unstable();
        let threads = counts.iter().filter(|&&count| count == 1).count();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        assert!((1..=cores).contains(&threads), "{threads} scratches");
        for count in 2..=*counts.last().unwrap() {
            let met = counts.iter().filter(|&&c| c == count).count();
            assert!(
                (1..=threads).contains(&met),
                "count {count} met {met} times"
            );
        }
        assert!(counts.iter().any(|&count| count > 1));
    }

    #[test]
    fn results_keep_their_order_when_threads_share_the_runs() {
        let items: Vec<u64> = (0..200).collect();
        let results = super::map(&items, |&n| {
            // Items take a while, some longer than others, so every thread takes runs
            // and they finish out of order.
            let pause = if n % 7 == 0 { 300 } else { 50 };
            std::thread::sleep(std::time::Duration::from_micros(pause));
            n + 1
        });
        assert_eq!(results, (1..=200).collect::<Vec<_>>());
    }
}
