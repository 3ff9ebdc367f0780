//! The kx binary: parse the command line, set up tracing, dispatch.

fn main() -> std::process::ExitCode {
    kx::cli::main()
}
