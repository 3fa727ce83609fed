//! The bulk tables as Parquet files (feature `parquet`), the usual way into Spark, DuckDB and
//! cluster engines, and a second way into Kùzu.
//!
//! The rows are the ones the CSV files hold, made by the same functions; each text cell is
//! turned into its column's type here (an empty cell into a null, a list cell into a list), so
//! that a Parquet file and its CSV file cannot say different things.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::bulk::{
    ARRAY_DELIMITER, BulkTable, BulkWriter, Column, Emit, Table, Ty, io_error, tables,
};
use crate::Error;
use crate::graph::Scope;

/// Rows per record batch (and so per row group): large enough for columnar compression, small
/// enough that a table of millions of sources is never held whole.
const BATCH: usize = 64 * 1024;

/// One column being filled.
enum Builder {
    Text(StringBuilder),
    List(ListBuilder<StringBuilder>),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Day(Date32Builder),
}

fn data_type(ty: Ty) -> DataType {
    match ty {
        Ty::Key(_) | Ty::From(_) | Ty::To(_) | Ty::Type | Ty::Text => DataType::Utf8,
        Ty::Labels | Ty::List => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        Ty::Int => DataType::Int64,
        Ty::Float => DataType::Float64,
        Ty::Bool => DataType::Boolean,
        Ty::Day => DataType::Date32,
    }
}

fn builder(ty: Ty) -> Builder {
    match ty {
        Ty::Key(_) | Ty::From(_) | Ty::To(_) | Ty::Type | Ty::Text => {
            Builder::Text(StringBuilder::new())
        }
        Ty::Labels | Ty::List => Builder::List(ListBuilder::new(StringBuilder::new())),
        Ty::Int => Builder::Int(Int64Builder::new()),
        Ty::Float => Builder::Float(Float64Builder::new()),
        Ty::Bool => Builder::Bool(BooleanBuilder::new()),
        Ty::Day => Builder::Day(Date32Builder::new()),
    }
}

/// Days from 1970-01-01, Parquet's and Arrow's date.
fn epoch_days(day: chrono::NaiveDate) -> Option<i32> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
    i32::try_from((day - epoch).num_days()).ok()
}

impl Builder {
    /// Appends one text cell, turned into the column's type; `None` when it is not of it.
    fn push(&mut self, cell: &str) -> Option<()> {
        match self {
            Builder::Text(b) if cell.is_empty() => b.append_null(),
            Builder::Text(b) => b.append_value(cell),
            Builder::List(b) => {
                for item in cell.split(ARRAY_DELIMITER).filter(|_| !cell.is_empty()) {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            Builder::Int(b) if cell.is_empty() => b.append_null(),
            Builder::Int(b) => b.append_value(cell.parse().ok()?),
            Builder::Float(b) if cell.is_empty() => b.append_null(),
            Builder::Float(b) => b.append_value(cell.parse().ok()?),
            Builder::Bool(b) if cell.is_empty() => b.append_null(),
            Builder::Bool(b) => b.append_value(cell.parse().ok()?),
            Builder::Day(b) if cell.is_empty() => b.append_null(),
            Builder::Day(b) => b.append_value(epoch_days(cell.parse().ok()?)?),
        }
        Some(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Day(b) => Arc::new(b.finish()),
        }
    }
}

fn schema(columns: &[Column]) -> Arc<Schema> {
    Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c.property(), data_type(c.ty), true))
            .collect::<Vec<_>>(),
    ))
}

/// The Parquet file's name for a table: its CSV file's, with `.parquet`.
fn file_name(table: &Table) -> String {
    let stem = table.file.strip_suffix(".csv").unwrap_or(&table.file);
    format!("{stem}.parquet")
}

/// The Kùzu statements that fill an empty database from the Parquet files, after
/// `kuzu_schema.cypher`: one `COPY` per table, nodes first, run from the files' folder. Parquet
/// has types and lists of its own, so Kùzu reads the files as they are.
pub fn kuzu_parquet_script() -> String {
    tables()
        .iter()
        .map(|table| format!("COPY {} FROM '{}';\n", table.name, file_name(table)))
        .collect()
}

fn write_table(
    table: &Table,
    rows: &dyn Fn(&mut Emit<'_>) -> std::io::Result<()>,
    path: &Path,
) -> Result<(), std::io::Error> {
    let schema = schema(&table.columns);
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(File::create(path)?, schema.clone(), Some(properties))
        .map_err(std::io::Error::other)?;
    let mut builders: Vec<Builder> = table.columns.iter().map(|c| builder(c.ty)).collect();
    let mut pending = 0;
    let flush = |builders: &mut Vec<Builder>,
                 writer: &mut ArrowWriter<File>|
     -> Result<(), std::io::Error> {
        let columns: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(schema.clone(), columns).map_err(std::io::Error::other)?;
        writer.write(&batch).map_err(std::io::Error::other)
    };
    rows(&mut |cells| {
        for ((builder, cell), column) in builders.iter_mut().zip(cells).zip(&table.columns) {
            builder.push(cell).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "{}: {:?} is not a value of column {} ({:?})",
                        table.file, cell, column.name, column.ty
                    ),
                )
            })?;
        }
        pending += 1;
        if pending == BATCH {
            pending = 0;
            flush(&mut builders, &mut writer)?;
        }
        Ok(())
    })?;
    if pending > 0 {
        flush(&mut builders, &mut writer)?;
    }
    writer.close().map_err(std::io::Error::other)?;
    Ok(())
}

impl BulkWriter<'_> {
    /// Writes the bulk tables as Parquet files into `dir` (created if need be), one per table
    /// with the CSV file's name and `.parquet`, typed columns (text, 64-bit integers, doubles,
    /// booleans, dates) and lists as lists, Snappy-compressed; beside them the Kùzu schema
    /// (`kuzu_schema.cypher`) and `kuzu_load_parquet.cypher`. Returns the paths written.
    ///
    /// ```
    /// use eventkg::*;
    /// let mut graph = EventGraph::new();
    /// let mut france = Entity::new(EntityKind::State, "France");
    /// france.aliases = vec!["Paris".into()];
    /// graph.add_entity(france)?;
    /// let dir = std::env::temp_dir().join("eventkg-parquet-doc");
    /// let written = eventkg::export::tables::BulkWriter::new(&graph).write_parquet(&dir)?;
    /// assert!(written.contains(&dir.join("entities.parquet")));
    /// assert!(written.contains(&dir.join("sources.parquet")));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), eventkg::Error>(())
    /// ```
    pub fn write_parquet(&self, dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, Error> {
        write_parquet(&self.scope, dir.as_ref())
    }
}

fn write_parquet(scope: &Scope<'_>, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut written = Vec::new();
    for table in BulkTable::ALL {
        let declared = table.table();
        let path = dir.join(file_name(&declared));
        write_table(&declared, &|emit| table.rows(scope, emit), &path).map_err(io_error(&path))?;
        written.push(path);
    }
    for (name, text) in [
        ("kuzu_schema.cypher", super::kuzu_schema()),
        ("kuzu_load_parquet.cypher", kuzu_parquet_script()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(io_error(&path))?;
        written.push(path);
    }
    Ok(written)
}
