//! Rebuild the binary when the default theme (compiled into it) changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
