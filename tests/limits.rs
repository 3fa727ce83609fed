//! Memory and work grow linearly with the input: loading a file of N bytes holds memory in
//! proportion to N, and many names or aliases cost no more than their number says. Measured
//! with a counting allocator (bytes and calls, not time), so the figures are the same on any
//! machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use eventkg::*;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        CALLS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwards to the system allocator with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes held and allocations made while `work` runs, above what was held before.
fn measure<T>(work: impl FnOnce() -> T) -> (usize, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let calls = CALLS.load(Ordering::Relaxed);
    let result = work();
    let peak = PEAK.load(Ordering::Relaxed) - base;
    drop(result);
    (peak, CALLS.load(Ordering::Relaxed) - calls)
}

/// A graph file of `n` entities and `n` events, each event with an initiator, a target and a
/// quoted source.
fn graph_file(n: usize) -> String {
    let mut file = String::from("[[document]]\nid = \"d\"\n\n");
    for i in 0..n {
        file.push_str(&format!(
            "[[entity]]\nkind = \"person\"\nname = \"Person {i}\"\naliases = [\"P{i}\"]\n\n"
        ));
    }
    for i in 0..n {
        file.push_str(&format!(
            "[[event]]\nkind = \"consult\"\ndate = \"2024-05-{:02}\"\ndocument = \"d\"\nquote = \"Person {i} consulted Person {}\"\ninitiator = [\"Person {i}\"]\ntarget = [\"P{}\"]\n\n",
            i % 28 + 1,
            (i + 1) % n,
            (i + 1) % n
        ));
    }
    file
}

#[test]
fn memory_and_work_grow_linearly_with_the_input() {
    // The allocator is shared by every test in this binary: this is its only test, so the
    // counts are this work's alone.
    one_copy_per_distinct_source_list();
    let small = graph_file(2_000);
    let large = graph_file(8_000);
    let ratio = large.len() as f64 / small.len() as f64;
    let (small_peak, small_calls) = measure(|| io::from_str(&small, "small.toml").unwrap());
    let (large_peak, large_calls) = measure(|| io::from_str(&large, "large.toml").unwrap());
    let memory = large_peak as f64 / small_peak as f64;
    let work = large_calls as f64 / small_calls as f64;
    eprintln!(
        "graph file ×{ratio:.2}: memory ×{memory:.2}, allocations ×{work:.2}, {:.1} bytes held per byte",
        large_peak as f64 / large.len() as f64
    );
    assert!(
        memory < ratio * 1.3 && work < ratio * 1.3,
        "×{ratio:.1} input took ×{memory:.2} memory and ×{work:.2} allocations"
    );
    // A bound on memory per input byte, so that a file cannot make the loader hold many times
    // its own size.
    let per_byte = large_peak as f64 / large.len() as f64;
    assert!(per_byte < 48.0, "{per_byte:.1} bytes held per byte read");

    let json = io::json::to_string(&io::from_str(&large, "large.toml").unwrap(), false).unwrap();
    let (json_peak, _) = measure(|| io::json::from_str(&json).unwrap());
    eprintln!(
        "JSON: {:.1} bytes held per byte",
        json_peak as f64 / json.len() as f64
    );
    assert!(
        (json_peak as f64) < json.len() as f64 * 20.0,
        "JSON: {json_peak} bytes held for {} read",
        json.len()
    );

    // Many aliases, and many similar names: work in proportion to their number.
    let aliases = |n: usize| {
        let mut graph = EventGraph::new();
        let mut entity = Entity::new(EntityKind::Person, "Someone");
        entity.aliases = (0..n).map(|i| format!("Someone alias {i}")).collect();
        graph.add_entity(entity).unwrap();
        for i in 0..n {
            graph
                .add_entity(Entity::new(EntityKind::Person, format!("Someone else {i}")))
                .unwrap();
        }
        graph.find_entity("Someone alias 7").unwrap();
        graph
    };
    let (small_peak, small_calls) = measure(|| aliases(2_000));
    let (large_peak, large_calls) = measure(|| aliases(8_000));
    let (memory, work) = (
        large_peak as f64 / small_peak as f64,
        large_calls as f64 / small_calls as f64,
    );
    eprintln!("aliases ×4: memory ×{memory:.2}, allocations ×{work:.2}");
    assert!(
        memory < 5.2 && work < 5.2,
        "×4 aliases took ×{memory:.2} memory and ×{work:.2} allocations"
    );
}

/// A long quote cited by a hundred events and both participants of each is held once, not
/// three hundred times: records told by the same sources share them.
fn one_copy_per_distinct_source_list() {
    let quote = "France invited the United States and about ten European countries ".repeat(64);
    let mut graph = EventGraph::new();
    let article = graph.add_document(Document::new("article")).unwrap();
    let france = graph
        .add_entity(Entity::new(EntityKind::State, "France"))
        .unwrap();
    let germany = graph
        .add_entity(Entity::new(EntityKind::State, "Germany"))
        .unwrap();
    let events = 100;
    let (peak, _) = measure(|| {
        for _ in 0..events {
            let told = Source::new(article).quote(quote.clone());
            let event = graph
                .add_event(Event::new(EventKind::Proposal).source(told.clone()))
                .unwrap();
            for (entity, role) in [(france, Role::Initiator), (germany, Role::Target)] {
                graph
                    .add_participation(Participation::new(entity, role, event).source(told.clone()))
                    .unwrap();
            }
        }
    });
    let copies = peak as f64 / quote.len() as f64;
    eprintln!(
        "{} facts citing one quote: {copies:.1} quote lengths held",
        events * 3
    );
    assert!(
        copies < 20.0,
        "{copies:.1} copies of the quote held for {} facts",
        events * 3
    );
}
