//! The GDELT tables published beside the events and mentions that the import does not read,
//! told from a file's first line, so that a folder of downloads can pass over their files
//! and say so rather than stop at the first.

/// The GDELT table a file's first line shows it to hold, of those GDELT publishes beside its
/// events and mentions and that the import does not read: the Global Knowledge Graph. Its
/// 1.0 files (`YYYYMMDD.gkg.csv`, `YYYYMMDD.gkgcounts.csv`) open with a header row whose
/// first columns are `DATE` and `NUMARTS`; its 2.1 files (`YYYYMMDDHHMMSS.gkg.csv`) have no
/// header and 27 columns, the first a `GKGRECORDID` such as `20150218230000-5` (or
/// `20150218230000-T5` for a translated document). Nothing else is taken for one, so that a
/// file of no layout at all is still refused as such.
pub(crate) fn unread_table(line: &[u8]) -> Option<&'static str> {
    let mut columns = line.split(|&b| b == b'\t');
    let first = columns.next()?;
    let second = columns.next();
    if first.eq_ignore_ascii_case(b"DATE")
        && second.is_some_and(|c| c.eq_ignore_ascii_case(b"NUMARTS"))
    {
        return Some("Global Knowledge Graph 1.0 (GKG)");
    }
    let is_record_id = match first.iter().position(|&b| b == b'-') {
        Some(14) => {
            let (time, sequence) = (&first[..14], &first[15..]);
            let sequence = sequence.strip_prefix(b"T").unwrap_or(sequence);
            time.iter().all(u8::is_ascii_digit)
                && !sequence.is_empty()
                && sequence.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    };
    (is_record_id && line.split(|&b| b == b'\t').count() == 27)
        .then_some("Global Knowledge Graph 2.1 (GKG)")
}

#[cfg(test)]
mod tests {
    use super::unread_table;

    #[test]
    fn the_global_knowledge_graph_is_told_by_its_header_or_record_ids() {
        // Made-up rows in the codebooks' shapes.
        let gkg1 = "DATE\tNUMARTS\tCOUNTS\tTHEMES\tLOCATIONS\tPERSONS\tORGANIZATIONS\tTONE\t\
                    CAMEOEVENTIDS\tSOURCES\tSOURCEURLS";
        let counts1 = "DATE\tNUMARTS\tCOUNTTYPE\tNUMBER\tOBJECTTYPE\tGEO_TYPE";
        let row21 = |id: &str| {
            format!(
                "{id}\t20991231234500\t1\tmade-up.example{}",
                "\t".repeat(23)
            )
        };
        assert_eq!(
            unread_table(gkg1.as_bytes()),
            Some("Global Knowledge Graph 1.0 (GKG)")
        );
        assert_eq!(
            unread_table(counts1.as_bytes()),
            Some("Global Knowledge Graph 1.0 (GKG)")
        );
        for id in ["20991231234500-7", "20991231234500-T12"] {
            assert_eq!(
                unread_table(row21(id).as_bytes()),
                Some("Global Knowledge Graph 2.1 (GKG)"),
                "{id}"
            );
        }
        // Nothing else is taken for one: a wrong record id, a wrong column count, an event
        // row, another header.
        for id in [
            "2099123123450-7",
            "20991231234500-",
            "20991231234500-X7",
            "made-up-7",
        ] {
            assert_eq!(unread_table(row21(id).as_bytes()), None, "{id}");
        }
        let short = format!("20991231234500-7{}", "\t".repeat(25));
        assert_eq!(unread_table(short.as_bytes()), None);
        let event = format!("1234567\t20990101{}", "\t".repeat(59));
        assert_eq!(unread_table(event.as_bytes()), None);
        assert_eq!(unread_table(b"DATE\tTHEMES"), None);
        assert_eq!(unread_table(b""), None);
    }
}
