//! claimtrack's checks that need heavy dependencies: the `claimtrack/1`
//! JSON Schema contract test (`tests/`), the criterion benches
//! (`benches/`) and the `scale` example with its all-pairs baselines
//! (`examples/`). Kept out of the main crate so that building its
//! examples, the main job among them, does not compile them. Nothing here
//! is a library.
