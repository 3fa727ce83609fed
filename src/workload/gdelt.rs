//! Generated GDELT 2.0 event rows, for import benchmarks: the layout and value shapes of the
//! codebook, with made-up actors, places and URLs.

use std::io::{self, Write};

use super::{Rng, country_code};

/// CAMEO role codes the generated actors carry, with their weight in the mix: most actors
/// are states and governments, as in GDELT.
const ROLES: [&str; 10] = ["", "", "", "GOV", "GOV", "MIL", "MED", "BUS", "CVL", "REB"];

/// Event codes with their base code, root code, quad class and Goldstein score.
const CODES: [(&str, &str, &str, u8, f64); 12] = [
    ("010", "010", "01", 1, 0.0),
    ("0211", "021", "02", 1, 3.4),
    ("036", "036", "03", 1, 4.0),
    ("042", "042", "04", 1, 1.9),
    ("043", "043", "04", 1, 2.8),
    ("051", "051", "05", 1, 3.4),
    ("0711", "071", "07", 2, 7.4),
    ("112", "112", "11", 3, -2.0),
    ("1246", "124", "12", 3, -4.0),
    ("141", "141", "14", 4, -6.5),
    ("173", "173", "17", 4, -5.0),
    ("190", "190", "19", 4, -10.0),
];

/// Writes `rows` GDELT 2.0 event rows (61 tab-separated columns, no header) to `out`.
///
/// Actors are drawn from `rows / 20` made-up actors (`Actor 12`, coded with a country and a
/// role), places from `rows / 50`, both with the Zipf-like law of
/// [`Workload::generate`](super::Workload::generate); events fall on the days of 2024; one
/// source URL in two is shared by two events, as an article often yields more than one; one
/// row in ten has no Actor2 and one in three no action geography. Rows are about as long as
/// GDELT's. The same `rows` and seed give the same bytes.
///
/// ```
/// let mut file = Vec::new();
/// eventkg::workload::gdelt_events(100, 7, &mut file)?;
/// let text = String::from_utf8(file).unwrap();
/// assert_eq!(text.lines().count(), 100);
/// assert!(text.lines().all(|l| l.split('\t').count() == 61));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn gdelt_events(rows: usize, seed: u64, out: impl Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut rng = Rng(seed);
    let actors = (rows / 20).max(10);
    let places = (rows / 50).max(5);
    let zipf = Zipf::new(actors.max(places), &mut rng);
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let mut line = String::with_capacity(700);
    for row in 0..rows {
        use std::fmt::Write as _;
        line.clear();
        let day = first + chrono::Days::new(rng.below(366) as u64);
        let date = day.format("%Y%m%d").to_string();
        let _ = write!(
            line,
            "{}\t{date}\t{}\t{}\t{:.4}\t",
            1_100_000_000 + row,
            &date[..6],
            &date[..4],
            f64::from(day.format("%j").to_string().parse::<u16>().unwrap_or(1)) / 365.0
                + f64::from(day.format("%Y").to_string().parse::<u16>().unwrap_or(2024)),
        );
        let actor1 = zipf.draw(&mut rng) % actors;
        actor(&mut line, actor1);
        if rng.below(10) == 0 {
            line.push_str("\t\t\t\t\t\t\t\t\t\t");
        } else {
            let mut actor2 = zipf.draw(&mut rng) % actors;
            while actor2 == actor1 {
                actor2 = zipf.draw(&mut rng) % actors;
            }
            actor(&mut line, actor2);
        }
        let (code, base, root, quad, goldstein) = CODES[rng.below(CODES.len())];
        let mentions = 1 + rng.below(4) * rng.below(5);
        let _ = write!(
            line,
            "{}\t{code}\t{base}\t{root}\t{quad}\t{goldstein:.1}\t{mentions}\t{}\t{mentions}\t{:.14}\t",
            rng.below(2),
            1 + rng.below(mentions),
            (rng.unit() - 0.6) * 12.0,
        );
        let actor_place = zipf.draw(&mut rng) % places;
        geo(&mut line, Some(actor_place));
        geo(
            &mut line,
            (rng.below(3) > 0).then(|| zipf.draw(&mut rng) % places),
        );
        geo(&mut line, (rng.below(3) > 0).then_some(actor_place));
        // The article's day, not the event's: two rows from one article share its URL.
        let _ = writeln!(
            line,
            "{date}{:02}{:02}00\t{}",
            rng.below(24),
            rng.below(4) * 15,
            source_url(row),
        );
        out.write_all(line.as_bytes())?;
    }
    out.flush()
}

/// Writes `mentions` GDELT 2.0 mention rows (16 tab-separated columns, no header) of the
/// events that [`gdelt_events`] writes for `events` rows, to `out`.
///
/// Articles mention one to eight events each, one row after another as in GDELT's files.
/// One mention in ten is of the day's one big story (the first event), the rest of events
/// drawn evenly; one in twenty repeats its article's last event from another sentence, and
/// one in fifty is the article the event was coded from (its `SOURCEURL`). The same
/// arguments give the same bytes.
///
/// ```
/// let mut file = Vec::new();
/// eventkg::workload::gdelt_mentions(100, 1000, 7, &mut file)?;
/// let text = String::from_utf8(file).unwrap();
/// assert_eq!(text.lines().count(), 1000);
/// assert!(text.lines().all(|l| l.split('\t').count() == 16));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn gdelt_mentions(
    events: usize,
    mentions: usize,
    seed: u64,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut rng = Rng(seed ^ 0x6d65_6e74_696f_6e73);
    let events = events.max(1);
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let (mut article, mut left, mut last) = (0usize, 0usize, None);
    for _ in 0..mentions {
        if left == 0 {
            article += 1;
            left = 1 + rng.below(8);
            last = None;
        }
        left -= 1;
        let event = match (rng.below(20), last) {
            (0, Some(again)) => again,
            _ if rng.below(10) == 0 => 0,
            _ => rng.below(events),
        };
        last = Some(event);
        let day = first + chrono::Days::new((event / 2 % 366) as u64);
        let url = if rng.below(50) == 0 {
            source_url(event)
        } else {
            format!(
                "https://www.outlet-{}.example.net/news/article-{article}.html",
                article % 997
            )
        };
        let host = url.split('/').nth(2).unwrap_or_default();
        writeln!(
            out,
            "{}\t{}000000\t{}{:02}{:02}00\t1\t{host}\t{url}\t{}\t{}\t{}\t{}\t1\t{}\t{}\t{:.2}\t\t",
            1_100_000_000 + event,
            day.format("%Y%m%d"),
            day.format("%Y%m%d"),
            rng.below(24),
            rng.below(4) * 15,
            1 + rng.below(40),
            rng.below(2000),
            rng.below(2000),
            rng.below(2000),
            [10, 20, 50, 100][rng.below(4)],
            500 + rng.below(8000),
            rng.unit() * 20.0 - 10.0,
        )?;
    }
    out.flush()
}

/// The `SOURCEURL` [`gdelt_events`] gives row `row`: two rows from one article share it.
fn source_url(row: usize) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let published = first + chrono::Days::new((row / 2 % 366) as u64);
    format!(
        "https://www.news-{}.example.com/{}/{}/story-about-the-events-of-the-day-{}.html",
        row / 2 % 500,
        ["politics", "world", "europe", "asia", "africa"][row / 2 % 5],
        published.format("%Y/%m/%d"),
        row / 2,
    )
}

/// The ten actor columns of actor `i`.
fn actor(line: &mut String, i: usize) {
    use std::fmt::Write as _;
    let country = country_code(i % 200);
    let role = ROLES[i % ROLES.len()];
    let _ = write!(
        line,
        "{country}{role}\tACTOR {i}\t{country}\t\t\t\t\t{role}\t\t\t"
    );
}

/// The eight columns of a geography block: place `i`, or none.
fn geo(line: &mut String, place: Option<usize>) {
    use std::fmt::Write as _;
    match place {
        None => line.push_str("0\t\t\t\t\t\t\t\t"),
        Some(i) => {
            let lat = (i as f64 * 0.618_034).fract() * 140.0 - 60.0;
            let lon = (i as f64 * 0.414_214).fract() * 340.0 - 170.0;
            let _ = write!(
                line,
                "4\tTown {i}, Region {}, Country {}\tC{}\tC{}{:02}\t{}\t{lat:.4}\t{lon:.4}\t-{}\t",
                i % 97,
                i % 200,
                i % 200,
                i % 200,
                i % 97,
                10_000 + i,
                3_000_000 + i,
            );
        }
    }
}

/// A Zipf-like draw over `n` items, in a shuffled order so that hubs are not the first ids.
struct Zipf {
    cumulative: Vec<f64>,
    order: Vec<usize>,
}

impl Zipf {
    fn new(n: usize, rng: &mut Rng) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|i| {
                total += 1.0 / ((i + 1) as f64).powf(1.1);
                total
            })
            .collect();
        let mut order: Vec<usize> = (0..n).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        Zipf { cumulative, order }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(1.0);
        let x = rng.unit() * total;
        let at = self.cumulative.partition_point(|&c| c < x);
        self.order[at.min(self.order.len() - 1)]
    }
}

/// Splits a tab-separated file into rows and fields as the GDELT reader does, and touches
/// every field: the least any reader of the file does, with the fastest split known to the
/// crate. The `gdelt_import` bench sets it beside the `csv` crate's parse of the same file, so
/// that the import is measured against both. Gives the bytes of all fields.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("eventkg-doc-split-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let path = dir.join("made-up.tsv");
/// std::fs::write(&path, "1\tab\t\n2\tc\td\n")?;
/// assert_eq!(eventkg::workload::split_rows(&path)?, 6);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn split_rows(path: &std::path::Path) -> io::Result<usize> {
    use crate::io::gdelt::split::{Row, SplitError, TabRows};
    let mut rows = TabRows::new(std::fs::File::open(path)?);
    let mut row = Row::new();
    let mut total = 0;
    loop {
        match rows.read(&mut row) {
            Ok(false) => return Ok(total),
            Ok(true) => {
                total += (0..row.len())
                    .filter_map(|i| row.get(i))
                    .map(str::len)
                    .sum::<usize>()
            }
            Err(SplitError::Io(e)) => return Err(e),
            Err(SplitError::NotUtf8 { line, .. }) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {line} is not UTF-8"),
                ));
            }
            Err(SplitError::TooLong { line }) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("line {line} has no end"),
                ));
            }
        }
    }
}
