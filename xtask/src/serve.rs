//! `cargo xtask serve`: build the CPU wasm, serve the repository on 127.0.0.1 (static files, correct MIME
//! types), and build the WebGPU wasm while it serves.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::tools::{ensure_wasm_tools, root};
use crate::{Result, build, say};

/// Parses `--port N`, builds the CPU wasm, serves at once, and builds the WebGPU wasm behind it.
///
/// The first visit waits only for the small CPU build; the page asks for `pkg/gpu/` when WebGPU is
/// wanted and uses it as soon as the background build has moved it into place.
pub fn run(args: &[String]) -> Result<()> {
    let port = match args {
        [] => 8000,
        [flag, n] if flag == "--port" => n.parse().map_err(|_| format!("--port expects a number, got '{n}'"))?,
        _ => return Err("usage: cargo xtask serve [--port N]".into()),
    };
    ensure_wasm_tools()?;
    // Listen before building, so a port in use fails in a second rather than after the build.
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}; choose another port with --port N"))?;
    build::build(&build::CPU)?;
    say(&format!("serving the playground at http://127.0.0.1:{port}/ (Ctrl-C stops); the WebGPU build follows"));
    println!("http://127.0.0.1:{port}/");
    std::thread::spawn(|| match build::build(&build::GPU) {
        Ok(()) => say("the WebGPU build is ready: pages load it when WebGPU is chosen (no restart needed)"),
        Err(e) => eprintln!("xtask: the WebGPU build failed ({e}); the page still runs on the CPU build"),
    });
    for stream in listener.incoming().flatten() {
        std::thread::spawn(move || {
            let _ = respond(stream);
        });
    }
    Ok(())
}

fn respond(mut stream: TcpStream) -> std::io::Result<()> {
    let mut request = String::new();
    BufReader::new(&stream).read_line(&mut request)?;
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, body, kind) = match resolve(path).and_then(|p| std::fs::read(&p).ok().map(|b| (b, p))) {
        Some((body, p)) => ("200 OK", body, mime(&p)),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    Ok(())
}

/// Maps a URL path to a file under the repo, refusing anything that climbs out of it.
fn resolve(path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let full = root().join(relative);
    if full.is_dir() { Some(full.join("index.html")) } else { Some(full) }
}

fn mime(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("gz") => "application/gzip",
        _ => "application/octet-stream",
    }
}
