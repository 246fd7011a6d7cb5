//! Printing a handout to PDF with a Chromium-family browser, run headless, kept off the
//! network, and given a private temporary home that is removed afterwards, so that it
//! leaves nothing behind but the PDF.

use std::ffi::OsString;
use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// Names a browser to print with, by name on PATH or by path.
pub const BROWSER_VAR: &str = "FOOTCARE_BROWSER";

/// The browsers footcare looks for on PATH, in this order.
pub const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "microsoft-edge",
];

/// A browser that has not printed in this long has hung: a handout takes a second or two.
const LONGEST_PRINT: Duration = Duration::from_secs(90);

/// The browser to print with: `FOOTCARE_BROWSER`, else the first of [`BROWSERS`] on PATH.
pub fn find(named: Option<OsString>, path: Option<OsString>) -> anyhow::Result<PathBuf> {
    let on_path = |name: &Path| -> Option<PathBuf> {
        if name.components().count() > 1 {
            return is_program(name).then(|| name.to_path_buf());
        }
        let path = path.as_ref()?;
        std::env::split_paths(path)
            .map(|dir| dir.join(name))
            .find(|candidate| is_program(candidate))
    };
    if let Some(named) = named.filter(|n| !n.is_empty()) {
        return on_path(Path::new(&named)).with_context(|| {
            format!(
                "{BROWSER_VAR} names {}, which is not a program footcare can run: name \
                 Chromium, Google Chrome or Microsoft Edge, by name or by path",
                Path::new(&named).display()
            )
        });
    }
    match BROWSERS.iter().find_map(|name| on_path(Path::new(name))) {
        Some(found) => Ok(found),
        None => bail!(
            "a PDF is printed by a Chromium-family browser, and none was found\n  install \
             one (on Debian or Ubuntu: sudo apt install chromium), or set {BROWSER_VAR} to \
             the one you have; or export HTML and print it from any browser"
        ),
    }
}

fn is_program(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// Prints `html` to a PDF with `browser`, and returns the PDF's bytes.
pub fn print_pdf(browser: &Path, html: &str) -> anyhow::Result<Vec<u8>> {
    let private = tempfile::Builder::new()
        .prefix("footcare-print-")
        .tempdir()
        .context("cannot make a temporary folder to print in")?;
    let dir = private.path();
    let page = dir.join("handout.html");
    let pdf = dir.join("handout.pdf");
    fs::write(&page, html).context("cannot write the page to print")?;
    for folder in [
        "home", "config", "cache", "data", "runtime", "profile", "tmp",
    ] {
        fs::create_dir(dir.join(folder)).context("cannot make a temporary folder to print in")?;
    }
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-breakpad",
            "--disable-crash-reporter",
            // Every connection goes to a port where nothing listens, and no name resolves:
            // the page needs nothing from the network, and gets nothing.
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .env("HOME", dir.join("home"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_RUNTIME_DIR", dir.join("runtime"))
        .env("TMPDIR", dir.join("tmp"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        // To a file, not a pipe: a pipe nobody reads could fill and stop the browser.
        .stderr(
            fs::File::create(dir.join("browser.log")).context("cannot make the browser's log")?,
        );
    // Chromium will not start its sandbox as root, as in a container; it then has to run
    // without one. It opens only our own page.
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        command.arg("--no-sandbox");
    }
    // In a process group of its own, so that a browser that hangs is stopped with every
    // process it started.
    command.process_group(0);
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot run {}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > LONGEST_PRINT {
            stop_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} did not print the handout in {} seconds, and was stopped",
                browser.display(),
                LONGEST_PRINT.as_secs()
            );
        }
        sleep(Duration::from_millis(50));
    };
    // Nothing the browser started may outlive it, or write into the folder being removed.
    stop_group(child.id());
    let stderr = fs::read_to_string(dir.join("browser.log")).unwrap_or_default();
    let bytes = fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        bail!(
            "{} did not print the handout ({status}){}",
            browser.display(),
            if last.is_empty() {
                String::new()
            } else {
                format!(": {}", last.trim())
            }
        );
    }
    Ok(bytes)
}

/// Stops every process in the group that the process `leader` leads.
fn stop_group(leader: u32) {
    if let Ok(group) = libc::pid_t::try_from(leader) {
        // SAFETY: kill only sends a signal, here to the browser's own process group.
        unsafe { libc::kill(-group, libc::SIGKILL) };
    }
}
