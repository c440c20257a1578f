//! WebAssembly binding of yishi (work in progress).
