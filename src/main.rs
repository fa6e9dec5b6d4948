//! gxreport: dispatch only. Each subcommand lives in `cli/`.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    // `gxreport schema | head` must end quietly, as other Unix tools do,
    // not panic on the closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default SIGPIPE action before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args = cli::parse();
    match args.command {
        cli::Command::Build(args) => cli::build::run(&args),
        cli::Command::Check(args) => cli::check::run(&args),
        cli::Command::Aggregate(args) => cli::aggregate::run(&args),
        cli::Command::Fonts(args) => cli::fonts::run(&args),
        cli::Command::Init(args) => cli::init::run(&args),
        cli::Command::Import(args) => cli::import::run(&args),
        cli::Command::Schema(args) => cli::schema::run(&args),
        cli::Command::Watch(args) => cli::watch::run(&args),
        cli::Command::Preview(args) => cli::preview::run(&args),
        cli::Command::Review(args) => cli::review::run(&args),
    }
}
