//! Work on many topics spread over the machine's cores.

/// Items below this count are not worth a thread.
const ITEMS_PER_THREAD: usize = 64;

/// `items.map(work)`, run on every core with each thread taking a run of items; the
/// results keep the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    map_with(items, ITEMS_PER_THREAD, || (), |(), item| work(item))
}

/// Like [`map`], but each thread makes one `scratch` (a buffer, say) and lends it to `work`
/// for each of its items; a thread takes at least `per_thread` items.
pub fn map_with<T: Sync, R: Send, S>(
    items: &[T],
    per_thread: usize,
    scratch: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len().div_ceil(per_thread.max(1))).max(1);
    let run = |chunk: &[T]| {
        let mut scratch = scratch();
        chunk
            .iter()
            .map(|item| work(&mut scratch, item))
            .collect::<Vec<_>>()
    };
    if threads == 1 {
        return run(items);
    }
    let per_thread = items.len().div_ceil(threads);
    let run = &run;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(per_thread)
            .map(|chunk| scope.spawn(move || run(chunk)))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a worker thread panicked"))
            .collect()
    })
}

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
    fn each_thread_reuses_its_scratch_for_its_run_of_items() {
        let items: Vec<usize> = (0..1000).collect();
        let results = super::map_with(&items, 1, Vec::new, |seen: &mut Vec<usize>, n| {
            seen.push(*n);
            (n * 2, seen.len())
        });
        let doubled: Vec<usize> = results.iter().map(|(n, _)| *n).collect();
        assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        // A thread's count goes up by one an item; a new thread starts again at one.
        assert_eq!(results[0].1, 1);
        for pair in results.windows(2) {
            assert!(pair[1].1 == 1 || pair[1].1 == pair[0].1 + 1, "{pair:?}");
        }
        assert!(results.iter().any(|(_, count)| *count > 1));
    }
}
