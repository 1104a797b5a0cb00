//! The `geokg` binary: the command-line edge over the library.

mod cli;

/// mimalloc instead of the system allocator: the pipeline makes many small
/// short-lived allocations per document (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
