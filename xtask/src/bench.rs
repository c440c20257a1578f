//! `cargo xtask bench`: the benchmark summary (see BENCHMARKS.md).

use crate::util::{Ctx, Failure, Result};

pub fn run(_ctx: &Ctx, _args: &[String]) -> Result<()> {
    Err(Failure::not_implemented("bench"))
}
