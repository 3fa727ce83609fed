//! The Parquet files hold what the bulk CSV files hold: the same rows, in the same order, each
//! cell typed (feature `parquet`; `.ci/run` runs this, and the interop script loads the files
//! into Kùzu and compares them value for value).
#![cfg(feature = "parquet")]

mod common;

use std::fs::File;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use eventkg::export::tables;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn batches(path: &std::path::Path) -> Vec<RecordBatch> {
    ParquetRecordBatchReaderBuilder::try_new(File::open(path).unwrap())
        .unwrap()
        .build()
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn csv_rows(path: &std::path::Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A column's cells as the CSV file writes them: empty for a null, a list's items joined by
/// the delimiter, a date as `YYYY-MM-DD`.
fn cells(batch: &RecordBatch, column: usize) -> Vec<String> {
    let array = batch.column(column);
    (0..array.len())
        .map(|row| {
            if array.is_null(row) {
                return String::new();
            }
            match array.data_type() {
                DataType::Utf8 => array.as_string::<i32>().value(row).to_owned(),
                DataType::Int64 => array.as_primitive::<Int64Type>().value(row).to_string(),
                DataType::Float64 => array
                    .as_primitive::<arrow_array::types::Float64Type>()
                    .value(row)
                    .to_string(),
                DataType::Boolean => array.as_boolean().value(row).to_string(),
                DataType::Date32 => {
                    let days = array.as_primitive::<Date32Type>().value(row);
                    (chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
                        + chrono::Duration::days(days.into()))
                    .to_string()
                }
                DataType::List(_) => {
                    let list = array.as_list::<i32>().value(row);
                    let items = list.as_string::<i32>();
                    let items: Vec<&str> = (0..items.len()).map(|i| items.value(i)).collect();
                    items.join(&tables::ARRAY_DELIMITER.to_string())
                }
                other => panic!("unexpected column type {other}"),
            }
        })
        .collect()
}

#[test]
fn every_parquet_file_holds_its_csv_files_rows_typed() {
    let graph = common::seed::load_file();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let csv_files = tables::BulkWriter::new(&graph)
        .write_dir(dir.join("csv"))
        .unwrap();
    let parquet_files = tables::BulkWriter::new(&graph)
        .write_parquet(dir.join("parquet"))
        .unwrap();
    let mut compared = 0;
    for csv_path in csv_files.iter().filter(|p| p.extension().unwrap() == "csv") {
        let name = csv_path.file_stem().unwrap().to_str().unwrap();
        let parquet_path = dir.join("parquet").join(format!("{name}.parquet"));
        assert!(parquet_files.contains(&parquet_path), "{name}");
        let rows = csv_rows(csv_path);
        let batches = batches(&parquet_path);
        let width = csv::Reader::from_path(csv_path)
            .unwrap()
            .headers()
            .unwrap()
            .len();
        for column in 0..width {
            let from_parquet: Vec<String> = batches.iter().flat_map(|b| cells(b, column)).collect();
            let from_csv: Vec<String> = rows.iter().map(|r| r[column].to_owned()).collect();
            assert_eq!(from_parquet, from_csv, "{name}, column {column}");
        }
        compared += 1;
    }
    assert_eq!(compared, 11);

    // Typed where the value has a type, a list where it is a list.
    let entities = batches(&dir.join("parquet/entities.parquet"));
    let schema = entities[0].schema();
    assert!(matches!(
        schema.field_with_name("aliases").unwrap().data_type(),
        DataType::List(_)
    ));
    assert_eq!(
        schema.field_with_name("lat").unwrap().data_type(),
        &DataType::Float64
    );
    let events = batches(&dir.join("parquet/events.parquet"));
    assert_eq!(
        events[0]
            .schema()
            .field_with_name("earliest")
            .unwrap()
            .data_type(),
        &DataType::Date32
    );
    let sources = batches(&dir.join("parquet/sources.parquet"));
    assert_eq!(
        sources[0]
            .schema()
            .field_with_name("position")
            .unwrap()
            .data_type(),
        &DataType::Int64
    );
    let script = std::fs::read_to_string(dir.join("parquet/kuzu_load_parquet.cypher")).unwrap();
    assert!(script.starts_with("COPY Entity FROM 'entities.parquet';\n"));
}

#[test]
fn parquet_files_are_byte_stable() {
    let graph = common::seed::load_file();
    let write = || {
        let dir = tempfile::tempdir().unwrap();
        tables::BulkWriter::new(&graph)
            .write_parquet(dir.path())
            .unwrap();
        std::fs::read(dir.path().join("sources.parquet")).unwrap()
    };
    assert_eq!(write(), write());
}
