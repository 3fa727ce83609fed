//! The graph file reader: how files are found and read, and the functions for the safe default.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use super::corpus;
use super::lines::LineIndex;
use super::load::{Parsed, Scratch, load_parsed, load_text};
use super::text_root::TextRoot;
use crate::error::Location;
use crate::model::EntityId;
use crate::query::{CandidateOptions, EntityCandidate, WARN_THRESHOLD};
use crate::{Error, ErrorKind, EventGraph, KeptValue, MergeReport};

/// Reads graph files (`docs/format.md`) into graphs.
///
/// The defaults are the safe ones for a file from a stranger: a `text_file` is read only from
/// inside the folder of the graph file that names it (see [`PathRefusal`](super::PathRefusal)).
/// The free functions of this module ([`read_files`], [`merge_file`], …) are this reader with its
/// defaults.
///
/// ```no_run
/// use eventkg::io::GraphFileReader;
///
/// // Texts kept beside the graph files, in a sibling folder: trusted, so the root is widened.
/// let graph = GraphFileReader::new()
///     .with_text_root("corpus")
///     .read_files(["corpus/graphs/a.toml", "corpus/graphs/b.toml"])?;
/// # Ok::<(), eventkg::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct GraphFileReader {
    text_root: Option<PathBuf>,
    progress: Option<Progress>,
    on_kept: Option<OnKept>,
    /// The score from which new entities are reported as similar, if not the default.
    similar_threshold: Option<f64>,
    /// Whether merges leave similar entities unreported.
    similar_off: bool,
}

/// What a reader calls as each file is read in.
type Progress = Arc<dyn Fn(&Path) + Send + Sync>;

/// What a reader calls with each value a record kept.
type OnKept = Arc<dyn Fn(&KeptValue) + Send + Sync>;

impl fmt::Debug for GraphFileReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GraphFileReader")
            .field("text_root", &self.text_root)
            .field("progress", &self.progress.is_some())
            .field("on_kept", &self.on_kept.is_some())
            .field("similar_threshold", &self.similar_threshold)
            .field("similar_off", &self.similar_off)
            .finish()
    }
}

impl GraphFileReader {
    /// A reader with the safe defaults.
    pub fn new() -> GraphFileReader {
        GraphFileReader::default()
    }

    /// Lets `text_file` paths reach anywhere inside `root`, rather than only inside the graph
    /// file's folder: relative paths still start from that folder, and absolute paths are read
    /// when they lie inside `root`. For files you trust; a narrower root works too (a sandbox
    /// for files you do not).
    pub fn with_text_root(mut self, root: impl Into<PathBuf>) -> GraphFileReader {
        self.text_root = Some(root.into());
        self
    }

    /// Calls `progress` with each file's path once it is read into the graph, in order: for a
    /// progress bar over a corpus.
    ///
    /// ```no_run
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use std::sync::Arc;
    ///
    /// let done = Arc::new(AtomicUsize::new(0));
    /// let counter = Arc::clone(&done);
    /// let graph = eventkg::io::GraphFileReader::new()
    ///     .with_progress(move |_| {
    ///         counter.fetch_add(1, Ordering::Relaxed);
    ///     })
    ///     .read_dir("corpus")?;
    /// println!("{} files, {} events", done.load(Ordering::Relaxed), graph.event_count());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn with_progress(
        mut self,
        progress: impl Fn(&Path) + Send + Sync + 'static,
    ) -> GraphFileReader {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// Sets the score from which a merge reports an entity a file introduced as looking like
    /// another ([`MergeReport::similar_entities`]): [`WARN_THRESHOLD`] by default, `None` for
    /// none. Finding them costs a pass over the graph's names per merge; [`merge_files`]
    /// makes one pass for all its files, and [`read_files`] none (it returns no report).
    ///
    /// [`merge_files`]: Self::merge_files
    /// [`read_files`]: Self::read_files
    /// [`WARN_THRESHOLD`]: crate::query::WARN_THRESHOLD
    ///
    /// ```
    /// use eventkg::io::GraphFileReader;
    /// let held = "[[entity]]\nkind = \"person\"\nname = \"Varek Tolminsky\"\n";
    /// let new = "[[entity]]\nkind = \"person\"\nname = \"President Tolminskiy\"\n";
    /// let mut graph = eventkg::io::from_str(held, "a.toml")?;
    /// let report = GraphFileReader::new().merge_str(&mut graph, new, "b.toml", None)?;
    /// let [similar] = report.similar_entities.as_slice() else { panic!() };
    /// assert_eq!(similar.names(), ("Varek Tolminsky", "President Tolminskiy"));
    /// let quiet = GraphFileReader::new().similar_entities(None);
    /// let mut again = eventkg::io::from_str(held, "a.toml")?;
    /// assert!(quiet.merge_str(&mut again, new, "b.toml", None)?.similar_entities.is_empty());
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn similar_entities(mut self, threshold: Option<f64>) -> GraphFileReader {
        self.similar_off = threshold.is_none();
        self.similar_threshold = threshold;
        self
    }

    /// The entity candidates pairing one of `new` with another, as the reader is set to find.
    fn similar(&self, graph: &EventGraph, new: &[EntityId]) -> Vec<EntityCandidate> {
        if self.similar_off {
            return Vec::new();
        }
        let threshold = self.similar_threshold.unwrap_or(WARN_THRESHOLD);
        graph.similar_entities(new, &CandidateOptions::new().threshold(threshold))
    }

    pub(super) fn progress(&self, path: &Path) {
        if let Some(progress) = &self.progress {
            progress(path);
        }
    }

    /// Calls `kept` with each value a file gave a record that holds another, which the record
    /// keeps ([`MergeReport::kept`]), as the file is merged, in order. [`read_files`] returns
    /// no report: this is how its caller sees the disagreements a report would list.
    ///
    /// [`read_files`]: Self::read_files
    ///
    /// ```no_run
    /// let graph = eventkg::io::GraphFileReader::new()
    ///     .on_kept(|kept| {
    ///         let file = kept.at.as_ref().map_or("", |at| at.file());
    ///         eprintln!(
    ///             "{file}: {} keeps {} `{}`, not `{}`",
    ///             kept.record, kept.field, kept.held, kept.given
    ///         );
    ///     })
    ///     .read_dir("corpus")?;
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn on_kept(mut self, kept: impl Fn(&KeptValue) + Send + Sync + 'static) -> GraphFileReader {
        self.on_kept = Some(Arc::new(kept));
        self
    }

    pub(super) fn kept(&self, values: &[KeptValue]) {
        if let Some(on_kept) = &self.on_kept {
            values.iter().for_each(|kept| on_kept(kept));
        }
    }

    pub(super) fn texts<'a>(&'a self, base: Option<&'a Path>) -> TextRoot<'a> {
        TextRoot {
            base,
            root: self.text_root.as_deref(),
        }
    }

    /// Reads a graph file's text into `graph`: all of it, or, on any error, nothing.
    ///
    /// `file` names the text in messages; `base` is the folder that `text_file` paths start
    /// from (without it, and without a text root, the text reads no files). Entities merge with
    /// those already in the graph by name or alias and kind, events by key or `same_as`; a fact
    /// the graph already holds gains the new sources (`docs/merging.md`). Returns what the
    /// merge changed.
    pub fn merge_str(
        &self,
        graph: &mut EventGraph,
        text: &str,
        file: &str,
        base: Option<&Path>,
    ) -> Result<MergeReport, Error> {
        let (report, _) = load_text(graph, text, file, self.texts(base), false)?;
        Ok(self.told(graph, report))
    }

    /// Reads a graph file from `input` into `graph`, as [`merge_str`](Self::merge_str)
    /// reads its text: all of it, or, on any error, nothing.
    ///
    /// For text that comes as bytes, from standard input or a socket: bytes that are not UTF-8
    /// are refused at their line and column in `file`, as a file on disk is, where reading
    /// the bytes into a `String` first names no place.
    ///
    /// ```
    /// use eventkg::EventGraph;
    /// use eventkg::io::GraphFileReader;
    ///
    /// // Made up for this example.
    /// let input: &[u8] = b"[[entity]]\nid = \"a\"\nname = \"Ana Example\"\nkind = \"person\"\n";
    /// let mut graph = EventGraph::new();
    /// let report = GraphFileReader::new().merge_reader(&mut graph, input, "<stdin>", None)?;
    /// assert_eq!(report.new_entities.len(), 1);
    ///
    /// let broken: &[u8] = b"[[entity]]\nid = \"b\"\nname = \"Bo\xFF\"\nkind = \"person\"\n";
    /// let error = GraphFileReader::new()
    ///     .merge_reader(&mut graph, broken, "<stdin>", None)
    ///     .unwrap_err();
    /// let at = error.location().unwrap();
    /// assert_eq!((at.line(), at.column()), (3, Some(11)));
    /// assert_eq!(graph.entities().count(), 1);
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge_reader(
        &self,
        graph: &mut EventGraph,
        mut input: impl std::io::Read,
        file: &str,
        base: Option<&Path>,
    ) -> Result<MergeReport, Error> {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(file, e))?;
        let text = utf8_text(file, bytes)?;
        self.merge_str(graph, &text, file, base)
    }

    /// A file's report, told to [`on_kept`](Self::on_kept), with its look-alikes.
    fn told(&self, graph: &EventGraph, mut report: MergeReport) -> MergeReport {
        self.kept(&report.kept);
        report.similar_entities = self.similar(graph, &report.new_entities);
        report
    }

    /// Reads one graph file into `graph`, all of it or nothing, and returns what it changed.
    pub fn merge_file(
        &self,
        graph: &mut EventGraph,
        path: impl AsRef<Path>,
    ) -> Result<MergeReport, Error> {
        let path = path.as_ref();
        let parsed = Parsed::read(path)?;
        let texts = self.texts(path.parent());
        let (report, _) = load_parsed(graph, &parsed, texts, false, true, &mut Scratch::default())?;
        Ok(self.told(graph, report))
    }

    /// Merges graph files into `graph`, in order, each all or nothing, and returns what each
    /// changed. The first file that fails stops the merge and leaves nothing of itself; the
    /// files before it stay merged. Files are read and parsed as by
    /// [`read_files`](Self::read_files).
    ///
    /// ```no_run
    /// use eventkg::io::GraphFileReader;
    ///
    /// let reader = GraphFileReader::new();
    /// let mut story = reader.read_dir("corpus/2024")?;
    /// let files = eventkg::io::graph_files("corpus/2025")?;
    /// for (file, report) in files.iter().zip(reader.merge_files(&mut story, &files)?) {
    ///     println!("{}: {report}", file.display());
    /// }
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn merge_files<P: AsRef<Path> + Sync>(
        &self,
        graph: &mut EventGraph,
        paths: &[P],
    ) -> Result<Vec<MergeReport>, Error> {
        let mut reports: Vec<MergeReport> = Vec::with_capacity(paths.len());
        corpus::merge_all(self, graph, paths, Some(&mut reports))?;
        // One pass for all the files: each pair goes to the report of the later file that
        // introduced one of its entities.
        let mut introduced: HashMap<EntityId, usize, FxBuildHasher> = HashMap::default();
        for (at, report) in reports.iter().enumerate() {
            introduced.extend(report.new_entities.iter().map(|&id| (id, at)));
        }
        let new: Vec<EntityId> = reports
            .iter()
            .flat_map(|r| r.new_entities.iter().copied())
            .collect();
        for pair in self.similar(graph, &new) {
            let at = [pair.one(), pair.other()]
                .iter()
                .filter_map(|id| introduced.get(id).copied())
                .max();
            if let Some(at) = at {
                reports[at].similar_entities.push(pair);
            }
        }
        Ok(reports)
    }

    /// Reads graph files, in order, into one graph: all of them, or, on any error, none.
    ///
    /// Files are read and parsed in parallel (with the `parallel` feature, on by default),
    /// ahead of the merge, and merged one after another in the order given, so that the
    /// graph is the same, id for id, whatever the number of threads. The time grows with the
    /// files' total size, not with the graph: a file is checked and committed on its own,
    /// without copying what the files before it built.
    pub fn read_files<P: AsRef<Path> + Sync>(
        &self,
        paths: impl IntoIterator<Item = P>,
    ) -> Result<EventGraph, Error> {
        let paths: Vec<P> = paths.into_iter().collect();
        let mut graph = EventGraph::new();
        corpus::merge_all(self, &mut graph, &paths, None)?;
        Ok(graph)
    }

    /// Reads every graph file in a folder and its subfolders ([`graph_files`]), in their
    /// stable order, into one graph, as [`read_files`](Self::read_files) does.
    ///
    /// [`graph_files`]: super::graph_files
    pub fn read_dir(&self, dir: impl AsRef<Path>) -> Result<EventGraph, Error> {
        self.read_files(corpus::graph_files(dir.as_ref())?)
    }

    /// Reads a graph file's text into a new graph.
    pub fn from_str(&self, text: &str, file: &str) -> Result<EventGraph, Error> {
        let mut graph = EventGraph::new();
        self.merge_str(&mut graph, text, file, None)?;
        Ok(graph)
    }

    /// Checks graph files, in order, as [`read_files`](Self::read_files) would load them, and
    /// returns every problem found, not only the first: a record that is refused is reported
    /// and left out, and the check goes on. An empty list means the files load.
    pub fn check_files<P: AsRef<Path>>(&self, paths: impl IntoIterator<Item = P>) -> Vec<Error> {
        self.check_files_onto(&EventGraph::new(), paths).problems
    }

    /// Checks graph files as [`check_files`](Self::check_files) does, as they would merge into
    /// `graph` (graphs already written, a corpus loaded before): every problem, and what
    /// merging what loads would change, with the graph it would give, whose ids the report
    /// names. `graph` is left as it is.
    ///
    /// ```no_run
    /// use eventkg::io::GraphFileReader;
    ///
    /// let reader = GraphFileReader::new();
    /// let story = reader.read_files(["corpus/herald.toml"])?;
    /// let checked = reader.check_files_onto(&story, ["corpus/courier.toml"]);
    /// if checked.problems.is_empty() {
    ///     println!("merging it would bring: {}", checked.report);
    ///     for (event, field) in &checked.report.disputes {
    ///         println!("{} disputed on its {field}", checked.graph.event(*event).unwrap().kind());
    ///     }
    /// }
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn check_files_onto<P: AsRef<Path>>(
        &self,
        graph: &EventGraph,
        paths: impl IntoIterator<Item = P>,
    ) -> Checked {
        let mut checked = Checked {
            problems: Vec::new(),
            report: MergeReport::default(),
            graph: graph.clone(),
        };
        for path in paths {
            let path = path.as_ref();
            let text = match read_graph_file(path) {
                Ok(text) => text,
                Err(error) => {
                    checked.problems.push(error);
                    continue;
                }
            };
            let name = path.display().to_string();
            let texts = self.texts(path.parent());
            match load_text(&mut checked.graph, &text, &name, texts, true) {
                Ok((report, problems)) => {
                    checked.report.extend(report);
                    checked.problems.extend(problems);
                }
                Err(error) => checked.problems.push(error),
            }
        }
        checked.report.similar_entities =
            self.similar(&checked.graph, &checked.report.new_entities);
        checked
    }

    /// Checks a graph file's text as [`check_files`](Self::check_files) does.
    pub fn check_str(&self, text: &str, file: &str) -> Vec<Error> {
        let mut graph = EventGraph::new();
        match load_text(&mut graph, text, file, self.texts(None), true) {
            Ok((_, problems)) => problems,
            Err(error) => vec![error],
        }
    }
}

/// What checking graph files against a graph found ([`GraphFileReader::check_files_onto`]).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Checked {
    /// Every problem, each located; none when the files load.
    pub problems: Vec<Error>,
    /// What merging the files would change.
    pub report: MergeReport,
    /// The graph with every record that loads: when there are no problems, the graph merging
    /// the files would give. The report's ids are its ids.
    pub graph: EventGraph,
}

/// A graph file the caller named: the caller's own choice, so not confined.
pub(super) fn read_graph_file(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path.display(), e))?;
    utf8_text(&path.display().to_string(), bytes)
}

/// A graph file's text from its bytes. Bytes that are not UTF-8 are a syntax error placed at
/// their line and column, where an editor jumps; the system's own error names no place.
pub(super) fn utf8_text(file: &str, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        // The bytes before `at` are UTF-8.
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
        let (line, column) = LineIndex::default().position(valid, at);
        Error::from(ErrorKind::Syntax {
            message: format!("bytes that are not UTF-8 text (at byte {at} of the file)"),
        })
        .at(Location::new(file, line, Some(column)))
    })
}

/// Reads a graph file's text into `graph`, with [`GraphFileReader`]'s defaults, and returns
/// what it changed.
pub fn merge_str(
    graph: &mut EventGraph,
    text: &str,
    file: &str,
    base: Option<&Path>,
) -> Result<MergeReport, Error> {
    GraphFileReader::new().merge_str(graph, text, file, base)
}

/// Reads one graph file into `graph`, all of it or nothing, with [`GraphFileReader`]'s
/// defaults: `text_file` paths stay inside the file's folder.
pub fn merge_file(graph: &mut EventGraph, path: impl AsRef<Path>) -> Result<MergeReport, Error> {
    GraphFileReader::new().merge_file(graph, path)
}

/// Reads graph files, in order, into one graph: all of them, or, on any error, none.
///
/// ```no_run
/// let graph = eventkg::io::read_files(["seeds/000_404871ae4e9fadb6.toml"])?;
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn read_files<P: AsRef<Path> + Sync>(
    paths: impl IntoIterator<Item = P>,
) -> Result<EventGraph, Error> {
    GraphFileReader::new().read_files(paths)
}

/// Reads every graph file in a folder and its subfolders, in the stable order of
/// [`graph_files`](super::graph_files), into one graph: all of them, or, on any error, none.
///
/// ```no_run
/// let story = eventkg::io::read_dir("corpus")?;
/// # Ok::<(), eventkg::Error>(())
/// ```
pub fn read_dir(dir: impl AsRef<Path>) -> Result<EventGraph, Error> {
    GraphFileReader::new().read_dir(dir)
}

/// Reads a graph file's text into a new graph; it reads no `text_file`, having no folder.
pub fn from_str(text: &str, file: &str) -> Result<EventGraph, Error> {
    GraphFileReader::new().from_str(text, file)
}

/// Checks graph files, in order, as [`read_files`] would load them, and returns every problem
/// found, not only the first.
///
/// ```
/// let text = "[[entity]]\nkind = \"stat\"\nname = \"A\"\n\n[[entity]]\nkind = \"persn\"\nname = \"B\"\n";
/// let problems = eventkg::io::check_str(text, "two.toml");
/// assert_eq!(problems.len(), 2);
/// assert!(problems[1].to_string().starts_with("two.toml:6:8: unknown entity kind `persn`"));
/// ```
pub fn check_files<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Vec<Error> {
    GraphFileReader::new().check_files(paths)
}

/// Checks a graph file's text as [`check_files`] does.
pub fn check_str(text: &str, file: &str) -> Vec<Error> {
    GraphFileReader::new().check_str(text, file)
}
