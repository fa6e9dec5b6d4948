//! Writing results: to a temporary file beside the target, then renamed over
//! it, so a failed build never leaves a truncated file and an existing report
//! survives.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically; the message is for a clerk.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let shown = path.display();
    if !dir.is_dir() {
        return Err(format!(
            "无法写入“{shown}”：文件夹“{}”不存在。",
            dir.display()
        ));
    }
    let reason =
        |e: std::io::Error| format!("无法写入“{shown}”：{}。", crate::diagnostic::io_reason(&e));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gxreport-").suffix(".tmp");
    #[cfg(unix)]
    {
        // A report is a public document: readable like any file the user saves.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(reason)?;
    tmp.write_all(bytes).map_err(reason)?;
    tmp.as_file().sync_all().map_err(reason)?;
    tmp.persist(path).map_err(|e| reason(e.error))?;
    Ok(())
}
