//! `claimtrack`: find the claims in news articles and report who says what.
//! See `claimtrack --help`.

fn main() -> std::process::ExitCode {
    claimtrack_cli::run(std::env::args_os(), None)
}
