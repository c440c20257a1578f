//! `cargo xtask demo`: a tiny static file server for `web-demo/`.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::util::{banner, copy_dir, Ctx, Failure, Result};
use crate::wasm;

/// Builds the package, puts it where the demo expects it, and serves the demo.
pub fn demo(ctx: &Ctx, port: u16) -> Result<()> {
    wasm::build(ctx)?;
    install_pkg(ctx)?;
    let server = Server::bind(ctx, port)?;
    banner("serving the web demo (Ctrl-C to stop)");
    println!("http://{}/", server.addr());
    server.run();
    Ok(())
}

/// Copies `wasm/pkg/` to `web-demo/pkg/` (so the demo imports `./pkg/yishi_wasm.js`).
pub fn install_pkg(ctx: &Ctx) -> Result<()> {
    copy_dir(
        &ctx.root.join("wasm").join("pkg"),
        &ctx.root.join("web-demo").join("pkg"),
    )
}

/// Serves `web-demo/` at `/` and `examples/` at `/examples/`.
pub struct Server {
    listener: TcpListener,
    roots: Arc<Roots>,
}

struct Roots {
    demo: PathBuf,
    examples: PathBuf,
}

impl Server {
    /// Binds `127.0.0.1:port` (`0` picks a free port).
    pub fn bind(ctx: &Ctx, port: u16) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| Failure::step(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        Ok(Server {
            listener,
            roots: Arc::new(Roots {
                demo: ctx.root.join("web-demo"),
                examples: ctx.root.join("examples"),
            }),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound socket has an address")
    }

    /// Serves forever, one thread per connection.
    pub fn run(self) {
        for stream in self.listener.incoming().flatten() {
            let roots = Arc::clone(&self.roots);
            std::thread::spawn(move || {
                let _ = handle(stream, &roots);
            });
        }
    }
}

fn handle(stream: TcpStream, roots: &Roots) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut keep_alive = true;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if lower.starts_with("connection:") && lower.contains("close") {
                keep_alive = false;
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let (status, mime, body) = match method {
            "GET" | "HEAD" => respond(roots, target),
            _ => (
                405,
                "text/plain; charset=utf-8",
                b"method not allowed\n".to_vec(),
            ),
        };
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Bad Request",
        };
        write!(
            out,
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: {}\r\n\r\n",
            body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        )?;
        if method != "HEAD" {
            out.write_all(&body)?;
        }
        out.flush()?;
        eprintln!("{status} {method} {target}");
        if !keep_alive {
            return Ok(());
        }
    }
}

fn respond(roots: &Roots, target: &str) -> (u16, &'static str, Vec<u8>) {
    let not_found = (404, "text/plain; charset=utf-8", b"not found\n".to_vec());
    let Some(path) = resolve(roots, target) else {
        return (400, "text/plain; charset=utf-8", b"bad request\n".to_vec());
    };
    let path = if path.is_dir() {
        path.join("index.html")
    } else {
        path
    };
    match std::fs::read(&path) {
        Ok(body) => (200, mime(&path), body),
        Err(_) => not_found,
    }
}

/// Maps a request target to a file under one of the roots; `None` for
/// anything that could leave them.
fn resolve(roots: &Roots, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path)?;
    let (root, rest) = match path.strip_prefix("/examples/") {
        Some(rest) => (&roots.examples, rest),
        None => (&roots.demo, path.strip_prefix('/')?),
    };
    let mut file = root.clone();
    for part in rest.split('/').filter(|p| !p.is_empty() && *p != ".") {
        if part == ".." || part.contains('\\') || part.contains(':') {
            return None;
        }
        file.push(part);
    }
    Some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "jsonl" => "application/jsonl; charset=utf-8",
        "wasm" => "application/wasm",
        "ts" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots() -> Roots {
        Roots {
            demo: PathBuf::from("/w/web-demo"),
            examples: PathBuf::from("/w/examples"),
        }
    }

    #[test]
    fn resolves_demo_and_examples() {
        let r = roots();
        assert_eq!(
            resolve(&r, "/pkg/yishi_wasm.js?v=1"),
            Some(PathBuf::from("/w/web-demo/pkg/yishi_wasm.js"))
        );
        assert_eq!(
            resolve(&r, "/examples/fund%20raise.jsonl"),
            Some(PathBuf::from("/w/examples/fund raise.jsonl"))
        );
        assert_eq!(resolve(&r, "/"), Some(PathBuf::from("/w/web-demo")));
    }

    #[test]
    fn refuses_to_leave_the_roots() {
        let r = roots();
        assert_eq!(resolve(&r, "/../secret"), None);
        assert_eq!(resolve(&r, "/examples/%2e%2e/Cargo.toml"), None);
        assert_eq!(resolve(&r, "/a%ZZ"), None);
        assert_eq!(resolve(&r, "relative"), None);
    }

    #[test]
    fn wasm_and_modules_get_their_types() {
        assert_eq!(mime(Path::new("a/yishi_wasm_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("a.mjs")), "text/javascript; charset=utf-8");
        assert_eq!(
            mime(Path::new("r.jsonl")),
            "application/jsonl; charset=utf-8"
        );
    }
}
