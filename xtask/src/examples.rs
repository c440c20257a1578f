//! `cargo xtask examples [--check]`: the 碧湖花园 example records.

use crate::util::{Ctx, Failure, Result};

pub fn run(_ctx: &Ctx, _args: &[String]) -> Result<()> {
    Err(Failure::not_implemented("examples"))
}
