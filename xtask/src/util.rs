//! Running commands, finding tools, installing what is missing.

use std::ffi::OsStr;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Why a task stopped.
pub enum Failure {
    /// Bad command line: print the message and the usage.
    Usage(String),
    /// A step failed: print the message and exit 1.
    Step(String),
}

impl Failure {
    pub fn usage(msg: impl Display) -> Failure {
        Failure::Usage(msg.to_string())
    }

    pub fn step(msg: impl Display) -> Failure {
        Failure::Step(msg.to_string())
    }

    /// What went wrong, whichever kind of failure it is.
    pub fn message(self) -> String {
        match self {
            Failure::Usage(msg) | Failure::Step(msg) => msg,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Step(e.to_string())
    }
}

pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// Where things are: the workspace root and the shared directory beside it.
pub struct Ctx {
    /// The workspace root (parent of `xtask/`).
    pub root: PathBuf,
}

impl Ctx {
    pub fn new() -> Ctx {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives one level below the workspace root")
            .to_path_buf();
        Ctx { root }
    }

    /// `../shared` relative to the workspace root, as CI lays it out.
    pub fn shared(&self) -> PathBuf {
        self.root.join("..").join("shared")
    }

    /// Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the
    /// current directory, as cargo reads it), else `target/` in the root.
    pub fn target_dir(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => std::env::current_dir()
                .map(|cwd| cwd.join(&dir))
                .unwrap_or_else(|_| PathBuf::from(dir)),
            None => self.root.join("target"),
        }
    }

    /// A command run from the workspace root.
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root);
        cmd
    }

    /// `cargo` as invoked by the surrounding `cargo xtask`.
    pub fn cargo(&self) -> Command {
        self.cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
    }
}

/// Prints a step banner.
pub fn banner(title: &str) {
    eprintln!("\n==> {title}");
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Runs a command with inherited stdio; fails with the step name when it fails.
pub fn run(step: &str, cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| Failure::step(format!("{step}: cannot run `{}`: {e}", describe(cmd))))?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::step(format!(
            "{step}: `{}` exited with {status}",
            describe(cmd)
        )))
    }
}

/// Runs a command quietly and returns its output, or `None` when it cannot start.
pub fn output(cmd: &mut Command) -> Option<Output> {
    cmd.stdin(Stdio::null()).output().ok()
}

/// Runs a command quietly; its trimmed stdout when it succeeds.
pub fn stdout_of(cmd: &mut Command) -> Option<String> {
    output(cmd)
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// Finds an executable on `PATH`, or in `$CARGO_HOME/bin` (where `cargo install` puts it).
pub fn which(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push(cargo_bin_dir());
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// `$CARGO_HOME/bin`, default `~/.cargo/bin`.
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn is_root() -> bool {
    stdout_of(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// `apt-get <args>`, through `sudo -n` when not root.
fn apt_get(args: &[&str]) -> Command {
    let mut cmd = if is_root() {
        Command::new("apt-get")
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", "apt-get"]);
        c
    };
    cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    cmd
}

/// Makes sure `binary` exists, installing Debian package `package` when it does not.
/// Returns the binary's path, or a failure naming what went wrong.
pub fn ensure_apt(binary: &str, package: &str) -> Result<PathBuf> {
    if let Some(path) = which(binary) {
        return Ok(path);
    }
    if which("apt-get").is_none() {
        return Err(Failure::step(format!(
            "`{binary}` is missing and there is no apt-get to install `{package}`; install it by hand"
        )));
    }
    banner(&format!("installing {package} (apt-get) for `{binary}`"));
    run("apt-get update", &mut apt_get(&["update"]))?;
    run(
        &format!("apt-get install {package}"),
        &mut apt_get(&["install", "-y", "--no-install-recommends", package]),
    )?;
    which(binary).ok_or_else(|| {
        Failure::step(format!(
            "`{binary}` still missing after installing `{package}`"
        ))
    })
}

/// Makes sure `dir/node_modules` holds what `dir/package.json` asks for,
/// with `npm ci` when a lock file is present.
pub fn ensure_npm_deps(dir: &Path, needed: &str) -> Result<()> {
    if dir.join("node_modules").join(needed).is_dir() {
        return Ok(());
    }
    let npm = which("npm").ok_or_else(|| Failure::step("npm is missing; install Node.js ≥ 20"))?;
    let verb = if dir.join("package-lock.json").is_file() {
        "ci"
    } else {
        "install"
    };
    let mut cmd = Command::new(npm);
    cmd.current_dir(dir).args([verb, "--no-audit", "--no-fund"]);
    run(&format!("npm {verb} in {}", dir.display()), &mut cmd)
}

/// Copies a directory tree, replacing `to`.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    if to.exists() {
        std::fs::remove_dir_all(to)?;
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
