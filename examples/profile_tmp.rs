fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let w = eventkg::workload::Workload::generate(3000, 42);
    let g = w.build().unwrap();
    if what == "file" {
        let text = eventkg::io::to_string(&g).unwrap();
        let back = eventkg::io::from_str(&text, "x.toml").unwrap();
        std::hint::black_box(back);
    } else if what == "lookup" {
        for i in 0..30000 {
            let _ = std::hint::black_box(g.find_entity(&format!("Person {}", i % 300)));
        }
    }
}
