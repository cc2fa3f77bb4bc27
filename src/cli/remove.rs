//! `newsdex remove`: delete articles from the index by id.

use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::index::writer::{NewsWriter, WriterOptions};

use super::style::counted;
use super::{IndexDir, exit, warn};

/// Delete articles (all their passages) from the index by article id.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  newsdex remove agg-000117\n  newsdex search water --json | jq -r '.hits[].article_id' | xargs newsdex remove"
)]
pub struct RemoveArgs {
    /// Article ids, as shown by `search` (`article_id`) or `extract` (`id`).
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    #[command(flatten)]
    index: IndexDir,
}

pub fn run(args: RemoveArgs) -> anyhow::Result<u8> {
    let dir = &args.index.dir;
    let mut writer = NewsWriter::new(NewsIndex::open(dir)?, dir, WriterOptions::default())?;
    let mut missing = 0;
    for id in &args.ids {
        if !writer.remove(id) {
            warn(format!("no article {id:?} in the index"));
            missing += 1;
        }
    }
    writer.finish()?;
    eprintln!("removed {}", counted((args.ids.len() - missing) as u64, "article"));
    Ok(if missing > 0 { exit::NOTHING_OR_PARTIAL } else { exit::OK })
}
