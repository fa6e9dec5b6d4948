//! `gxreport preview`: a small web page on 127.0.0.1 that shows the laid-out
//! pages as PNG images and the check findings, and reloads itself when the
//! data file has been rebuilt (it polls `/version`, a counter bumped by
//! every rebuild).
//!
//! Routes: `/` the page, `/version` the counter, `/page/N.png` page N
//! (1-based) of the last good build.
//!
//! The server is a few lines of std: GET and HEAD only, one short-lived
//! thread per connection, `Connection: close`, bounded request size and
//! count. (tiny_http 0.12 was tried first: its thread pool loses a wake-up
//! when a browser opens several keep-alive connections at once, and one
//! image request then waits forever; Chromium hit it in about one load in
//! three.)

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::Outcome;
use crate::html::writer::escape;

/// Resolution of the page images: 1.5 px per pt, about 890 px for A4's width.
pub const PIXEL_PER_PT: f32 = 1.5;

/// What the preview's rebuilds export.
pub const EXPORT: crate::pipeline::Export = crate::pipeline::Export::Png {
    pixel_per_pt: PIXEL_PER_PT,
};

/// What the page shows; replaced as a whole after each rebuild.
#[derive(Default)]
struct Snapshot {
    /// Number of rebuilds so far; 0 while the first one runs.
    version: u64,
    /// PNG of each page of the last build that succeeded.
    pages: Vec<Vec<u8>>,
    /// The findings as HTML ([`super::findings::html`]).
    findings: String,
    /// One line: how the last rebuild went.
    status: String,
    /// Whether the pages are from an older build than the findings.
    stale: bool,
}

/// The preview's state, shared by the rebuild thread and the server threads.
pub struct Preview {
    /// Shown in the page title: the data file's name.
    name: String,
    state: Mutex<Snapshot>,
}

/// Connections served at once; more are closed at once (a browser opens six).
const MAX_CONNECTIONS: usize = 32;

/// Largest request head read: a browser's GET is well under 2 KiB.
const MAX_REQUEST: usize = 16 * 1024;

/// Listen on 127.0.0.1; returns the listener and the port.
/// `port` 0 takes any free port.
pub fn bind(port: u16) -> Result<(TcpListener, u16), String> {
    let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            format!("端口 {port} 已被占用，请换一个端口，或不写 --port 由程序自选。")
        }
        _ => format!("无法启动本机网页服务：{e}"),
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| format!("无法取得网页服务的端口：{e}"))?
        .port();
    Ok((listener, port))
}

impl Preview {
    pub fn new(name: &str) -> Arc<Preview> {
        Arc::new(Preview {
            name: name.to_string(),
            state: Mutex::new(Snapshot {
                status: "正在生成……".into(),
                ..Snapshot::default()
            }),
        })
    }

    /// The rebuild counter (0 before the first rebuild finishes).
    pub fn version(&self) -> u64 {
        self.lock().version
    }

    /// Show a rebuild: new pages when it succeeded, the old ones otherwise;
    /// the findings in any case.
    /// The rebuild's output must be PNG pages (see [`EXPORT`]).
    pub fn publish(&self, outcome: &Outcome) {
        let pages = outcome.outputs.first().map(|a| a.files.clone());
        let findings = super::findings::html(&outcome.findings, outcome.source.as_deref());
        let errors = outcome.errors();
        let warnings = outcome.findings.len() - errors;
        let mut state = self.lock();
        state.version += 1;
        let count = match &pages {
            Some(p) if outcome.as_draft => {
                format!("共 {} 页，还有待填写的内容，按征求意见稿显示", p.len())
            }
            Some(p) => format!("共 {} 页", p.len()),
            None if state.pages.is_empty() => "没有可显示的页面".into(),
            None => "未更新页面，显示的是上次生成的版本".into(),
        };
        let checked = if outcome.findings.is_empty() {
            "检查完毕：没有发现问题".to_string()
        } else {
            format!("{errors} 个错误，{warnings} 个警告")
        };
        state.status = format!(
            "第 {} 次生成，用时 {}；{checked}；{count}。",
            state.version,
            super::seconds(outcome.elapsed)
        );
        state.stale = pages.is_none();
        if let Some(p) = pages {
            state.pages = p;
        }
        state.findings = findings;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Snapshot> {
        // A panic elsewhere leaves a consistent snapshot: keep serving it.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The HTML page for the current state.
    pub fn page(&self) -> String {
        let state = self.lock();
        let images: String = (1..=state.pages.len())
            .map(|n| {
                format!(
                    "<img class=\"page\" src=\"/page/{n}.png?v={v}\" alt=\"第 {n} 页\">\n",
                    v = state.version
                )
            })
            .collect();
        let findings = if state.findings.trim().is_empty() {
            String::new()
        } else {
            format!(
                "<section class=\"findings\">\n{}</section>\n",
                state.findings
            )
        };
        format!(
            r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{name} — gxreport 预览</title>
<style>
body {{ margin: 0; background: #e9e9e9; font-family: sans-serif; }}
header {{ padding: 8px 16px; background: #fafafa; border-bottom: 1px solid #ccc; font-size: 14px; color: #222; }}
header .stale {{ color: #a40000; }}
section.findings {{ margin: 12px auto; max-width: 880px; padding: 4px 12px; background: #fff8e1; border: 1px solid #e0c060; font-size: 13px; overflow-wrap: anywhere; }}
.finding p {{ margin: 2px 0; }} .finding {{ margin: 8px 0; }} .finding .title {{ font-weight: bold; }} .finding.error .title {{ color: #a40000; }}
.finding pre.source {{ margin: 2px 0; white-space: pre-wrap; font-family: monospace; }} .finding mark {{ background: #ffd54f; }} .finding .line {{ color: #777; }}
main {{ display: flex; flex-direction: column; align-items: center; padding: 12px; gap: 12px; }}
img.page {{ width: min(100%, 850px); background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.3); }}
</style>
</head>
<body>
<header><b>{name}</b> · <span class="{class}" id="status">{status}</span></header>
{findings}<main>
{images}</main>
<script>
const version = {version};
addEventListener("load", () => {{ const y = sessionStorage.getItem("gxreport-y"); if (y) scrollTo(0, +y); }});
async function poll() {{
  try {{
    const r = await fetch("/version", {{ cache: "no-store" }});
    if ((await r.text()).trim() !== String(version)) {{
      sessionStorage.setItem("gxreport-y", String(scrollY));
      location.reload();
      return;
    }}
  }} catch (e) {{}}
  setTimeout(poll, 500);
}}
setTimeout(poll, 500);
</script>
</body>
</html>
"#,
            name = escape(&self.name),
            class = if state.stale { "stale" } else { "" },
            status = escape(&state.status),
            version = state.version,
        )
    }

    /// The response to a GET of `target`: status, content type, body.
    pub fn route(&self, target: &str) -> (u16, &'static str, Vec<u8>) {
        let path = target.split('?').next().unwrap_or_default();
        if path == "/" {
            return (200, "text/html; charset=utf-8", self.page().into_bytes());
        }
        if path == "/version" {
            let v = self.version().to_string().into_bytes();
            return (200, "text/plain; charset=utf-8", v);
        }
        let page = path
            .strip_prefix("/page/")
            .and_then(|p| p.strip_suffix(".png"))
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.lock().pages.get(i).cloned());
        match page {
            Some(png) => (200, "image/png", png),
            None => (
                404,
                "text/plain; charset=utf-8",
                "没有这个页面。".as_bytes().to_vec(),
            ),
        }
    }

    /// Answer the one request of a connection; errors mean the browser went away.
    fn answer(&self, mut stream: TcpStream) -> std::io::Result<()> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.set_write_timeout(Some(Duration::from_secs(10)))?;
        let mut head = Vec::new();
        let mut chunk = [0u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut chunk)?;
            if n == 0 || head.len() + n > MAX_REQUEST {
                return Ok(());
            }
            head.extend_from_slice(&chunk[..n]);
        }
        let head = String::from_utf8_lossy(&head);
        let mut request_line = head.lines().next().unwrap_or_default().split(' ');
        let (method, target) = (request_line.next(), request_line.next());
        let (status, kind, body) = match (method, target) {
            (Some("GET" | "HEAD"), Some(target)) => self.route(target),
            _ => (
                405,
                "text/plain; charset=utf-8",
                "只支持 GET。".as_bytes().to_vec(),
            ),
        };
        let reason = match status {
            200 => "OK",
            404 => "Not Found",
            _ => "Method Not Allowed",
        };
        let mut response = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        if method != Some("HEAD") {
            response.extend_from_slice(&body);
        }
        stream.write_all(&response)?;
        stream.flush()
    }

    /// Serve connections on `listener`, each in its own short-lived thread;
    /// returns only if the listener fails.
    pub fn serve(self: &Arc<Self>, listener: TcpListener) {
        let open = Arc::new(AtomicUsize::new(0));
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            if open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
                continue; // dropped: closed
            }
            open.fetch_add(1, Ordering::AcqRel);
            let (preview, open) = (Arc::clone(self), Arc::clone(&open));
            std::thread::spawn(move || {
                let _ = preview.answer(stream);
                open.fetch_sub(1, Ordering::AcqRel);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_html() {
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn page_before_the_first_build() {
        let p = Preview::new("数据.yaml");
        let html = p.page();
        assert!(html.contains("正在生成"));
        assert!(!html.contains("<img"));
        assert_eq!(p.version(), 0);
    }
}
