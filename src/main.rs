//! The `geokg` binary: the command-line edge over the library.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
