//! yishi core (work in progress).
